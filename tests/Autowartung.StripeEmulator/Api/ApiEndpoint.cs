using System.Text;

namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// Maps a Stripe endpoint. Not minimal-API binding with typed results: Stripe's form encoding, its refusal of
/// unknown parameters, idempotent replay byte for byte and <c>expand[]</c> need the raw request, so one runner
/// does them for every endpoint and the handlers see parsed parameters and the account.
/// </summary>
public static class ApiEndpoint
{
    public static IEndpointConventionBuilder MapApi(this IEndpointRouteBuilder routes, string method, string pattern,
        ParamSchema schema, Func<ApiCall, object> handler) =>
        routes.MapMethods(pattern, [method], http => RunAsync(http, schema, handler));

    private static async Task RunAsync(HttpContext http, ParamSchema schema, Func<ApiCall, object> handler)
    {
        var isPost = HttpMethods.IsPost(http.Request.Method);
        var pairs = await ReadParametersAsync(http.Request, isPost);
        var key = isPost ? http.Request.Headers["Idempotency-Key"].ToString() : "";
        if (key.Length == 0)
        {
            var (status, body, _) = Execute(http, pairs, schema, handler, null);
            await ApiResponse.WriteAsync(http, status, body);
            return;
        }

        http.Response.Headers["Idempotency-Key"] = key;
        var apiKey = ApiGate.ApiKey(http);
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var claim = store.Claim(apiKey, key, Fingerprint(http.Request, pairs));
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                http.Response.Headers["Original-Request"] = claim.Saved!.RequestId;
                await ApiResponse.WriteAsync(http, claim.Saved.Status, claim.Saved.Body);
                return;
            case IdempotencyOutcome.InUse:
                http.Response.Headers["Stripe-Should-Retry"] = "true";
                await ApiResponse.WriteAsync(http, StripeException.IdempotencyKeyInUse());
                return;
            case IdempotencyOutcome.Mismatch:
                await ApiResponse.WriteAsync(http, StripeException.IdempotencyMismatch(key));
                return;
        }

        var (resultStatus, resultBody, executed) = Execute(http, pairs, schema, handler, key);
        if (executed)
        {
            store.Save(apiKey, key, new SavedResponse(resultStatus, resultBody, ApiGate.RequestId(http)));
        }
        else
        {
            store.Release(apiKey, key);
        }
        await ApiResponse.WriteAsync(http, resultStatus, resultBody);
    }

    /// <summary>Runs the handler; <c>Executed</c> is false when the parameters were refused before it began.</summary>
    private static (int Status, string Body, bool Executed) Execute(HttpContext http,
        IReadOnlyList<KeyValuePair<string, string>> pairs, ParamSchema schema, Func<ApiCall, object> handler, string? idempotencyKey)
    {
        try
        {
            schema.Check(pairs.Select(pair => pair.Key));
            var parameters = Params.Parse(pairs);
            var expand = parameters.StringArray("expand");
            var account = http.RequestServices.GetRequiredService<Account>();
            var body = account.Run(new Origin(ApiGate.RequestId(http), idempotencyKey), () =>
            {
                var result = StripeJson.Snapshot(handler(new ApiCall(http, parameters, account)));
                Expansion.Apply(result, expand, account);
                return StripeJson.Write(result);
            });
            return (200, body, true);
        }
        catch (StripeException error)
        {
            return (error.Status, StripeJson.Write(error.ToBody()), !error.BeforeExecution);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILogger<Account>>().LogError(exception, "Endpoint {Path} failed", http.Request.Path);
            var error = StripeException.ApiError();
            return (error.Status, StripeJson.Write(error.ToBody()), true);
        }
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadParametersAsync(HttpRequest request, bool isPost)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source =
            isPost && request.HasFormContentType ? await request.ReadFormAsync() : isPost ? [] : request.Query;
        foreach (var (name, values) in source)
        {
            foreach (var value in values)
            {
                pairs.Add(new(name, value ?? ""));
            }
        }
        return pairs;
    }

    /// <summary>The request as the idempotency layer compares it: method, path and parameters, in any key order.</summary>
    private static string Fingerprint(HttpRequest request, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var text = new StringBuilder($"{request.Method} {request.Path}\n");
        foreach (var (name, value) in pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('\n');
        }
        return text.ToString();
    }
}
