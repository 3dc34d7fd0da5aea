using System.Text;
using Autowartung.StripeEmulator.Control;

namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// What every <c>/v1</c> request meets before its endpoint: a <c>Request-Id</c>, the <c>Stripe-Version</c> it answers
/// in, the API key check, the refusal of any other API version, and an injected failure when a test asked for one.
/// </summary>
public sealed class ApiGate(RequestDelegate next, FailNextRules failNext)
{
    private const string RequestIdItem = "stripe-emulator.request-id";
    private const string ApiKeyItem = "stripe-emulator.api-key";

    public static string RequestId(HttpContext http) => (string)http.Items[RequestIdItem]!;

    public static string ApiKey(HttpContext http) => (string)http.Items[ApiKeyItem]!;

    public async Task InvokeAsync(HttpContext http)
    {
        var requestId = Ids.Request();
        http.Items[RequestIdItem] = requestId;
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers["Stripe-Version"] = EmulatorOptions.ApiVersion;

        var key = ReadApiKey(http.Request);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
            await ApiResponse.WriteAsync(http, StripeException.NoApiKey());
            return;
        }
        if (!key.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
            await ApiResponse.WriteAsync(http, StripeException.InvalidApiKey(key));
            return;
        }
        http.Items[ApiKeyItem] = key;

        var version = http.Request.Headers["Stripe-Version"].ToString();
        if (version.Length > 0 && version != EmulatorOptions.ApiVersion)
        {
            // Stripe would answer in the version asked for; the emulator knows one shape only, and says so rather than
            // answer a client of another version in shapes it does not expect.
            await ApiResponse.WriteAsync(http, StripeException.UnsupportedApiVersion(version));
            return;
        }

        if (failNext.TryTake(http.Request.Method, http.Request.Path, out var status))
        {
            // Stripe marks these answers as safe to retry; clients that honour the header do.
            http.Response.Headers["Stripe-Should-Retry"] = "true";
            await ApiResponse.WriteAsync(http, status == 429 ? StripeException.RateLimited() : StripeException.ApiError(status));
            return;
        }
        await next(http);
    }

    /// <summary>Bearer auth, or Basic with the key as user name (<c>curl -u sk_test_…:</c>), as Stripe accepts.</summary>
    private static string? ReadApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                return decoded.Split(':')[0] is { Length: > 0 } user ? user : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}
