using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// Stripe went wrong in a way Stripe described: its error body and HTTP status. A network failure that
/// outlasted the retries is an <see cref="HttpRequestException"/> instead.
/// </summary>
public sealed class StripeException(HttpStatusCode status, StripeError error)
    : Exception($"Stripe answered {(int)status}: {error.Type}/{error.Code}")
{
    public HttpStatusCode Status { get; } = status;

    public StripeError Error { get; } = error;

    public bool IsCardError => Error.Type == "card_error";

    public bool IsNotFound => Error.Code == "resource_missing";
}

/// <summary>
/// Our own thin client of Stripe's REST API: form-encoded bodies, a pinned <c>Stripe-Version</c>, an
/// <c>Idempotency-Key</c> on every POST (the caller derives it from our own ids and stores it first, so
/// a retry after a crash reuses it), and retries only where Stripe says a retry is safe: network
/// errors, 409 (a concurrent request with the same key), 429 and 5xx, always with the same key.
/// </summary>
public sealed partial class StripeClient(HttpClient http, IOptions<StripeOptions> options, ILogger<StripeClient> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private StripeOptions Options => options.Value;

    public Task<T> PostAsync<T>(string path, StripeForm form, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return SendAsync<T>(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form.ToContent() };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return request;
        }, cancellationToken);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken, params string[] expand)
    {
        var query = expand.Length == 0 ? "" : "?" + new StripeForm().AddExpand(expand).Encode();
        return SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path + query), cancellationToken);
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Options.SecretKey)) throw new InvalidOperationException($"{StripeOptions.Section}:SecretKey is not configured.");
        for (var attempt = 0; ; attempt++)
        {
            using var request = newRequest();
            request.RequestUri = new Uri(Options.ApiBase, request.RequestUri!);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.SecretKey);
            request.Headers.Add("Stripe-Version", StripeOptions.ApiVersion);
            var canRetry = attempt < Options.MaxNetworkRetries;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (canRetry && IsNetworkFailure(exception, cancellationToken))
            {
                LogRetry(logger, request.Method.Method, request.RequestUri.AbsolutePath, "network", attempt + 1);
                await PauseAsync(attempt, cancellationToken);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                    return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
                if (canRetry && ShouldRetry(response))
                {
                    LogRetry(logger, request.Method.Method, request.RequestUri.AbsolutePath, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), attempt + 1);
                    await PauseAsync(attempt, cancellationToken);
                    continue;
                }
                throw new StripeException(response.StatusCode, await ReadErrorAsync(response, cancellationToken));
            }
        }
    }

    private static bool ShouldRetry(HttpResponseMessage response)
    {
        // Stripe tells its own libraries when a retry is pointless or required; its word wins.
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values))
            return string.Equals(values.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        return response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }

    private static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private Task PauseAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = Options.RetryDelay * Math.Pow(2, attempt);
        var jitter = 0.75 + Random.Shared.NextDouble() / 2;
        return Task.Delay(delay * jitter, cancellationToken);
    }

    private static async Task<StripeError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<StripeErrorBody>(Json, cancellationToken);
            if (body?.Error is { } error) return error;
        }
        catch (JsonException)
        {
            // Not Stripe's error shape (a proxy's page, say): described by the status below.
        }
        return new StripeError("api_error", null, null, $"HTTP {(int)response.StatusCode}", null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe {Method} {Path} failed ({Reason}); retry {Attempt} with the same idempotency key")]
    private static partial void LogRetry(ILogger logger, string method, string path, string reason, int attempt);
}
