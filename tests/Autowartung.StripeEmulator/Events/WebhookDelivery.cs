using System.Text;
using Autowartung.StripeEmulator.Api;

namespace Autowartung.StripeEmulator.Events;

/// <summary>
/// Posts every queued event to its endpoint, signed as Stripe signs it. A 2xx ends the delivery; anything else
/// or a connection error is retried after the configured delays, each retry signed afresh, then given up.
/// First attempts go out one after another, so events mostly arrive in order, but retries interleave: like
/// Stripe, the emulator promises no order.
/// </summary>
public sealed class WebhookDelivery(
    WebhookQueue queue,
    Account account,
    IHttpClientFactory httpClients,
    ILogger<WebhookDelivery> logger) : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> webhooks go through; tests replace its primary handler.</summary>
    public const string HttpClientName = "Autowartung.StripeEmulator.Webhooks";

    public const string UserAgent = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";

    /// <summary>The default primary handler: reaches <c>*.localhost</c> on the loopback address, follows no redirect.</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        ConnectCallback = LoopbackConnector.ConnectAsync,
        // Webhooks go to the local stack; a proxy from the environment would only get in the way.
        UseProxy = false,
        // Stripe counts a redirect as a failed delivery.
        AllowAutoRedirect = false,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered events are lost with the rest of the in-memory state.
        }
    }

    private async Task DeliverAsync(WebhookJob job, CancellationToken stoppingToken)
    {
        var body = account.Run(Origin.Automatic, () =>
            account.Find<StripeEvent>(job.EventId) is { } stripeEvent ? StripeJson.Write(StripeJson.Snapshot(stripeEvent)) : null);
        if (body is null)
        {
            return;
        }

        string failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, job.Endpoint.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.TryAddWithoutValidation("Stripe-Signature",
                WebhookSignature.Header(job.Endpoint.Secret, account.Now.ToUnixTimeSeconds(), body));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                account.Run(Origin.Automatic, () =>
                {
                    if (account.Find<StripeEvent>(job.EventId) is { PendingWebhooks: > 0 } delivered)
                    {
                        delivered.PendingWebhooks--;
                    }
                });
                logger.LogDebug("Delivered {EventId} to {Url}", job.EventId, job.Endpoint.Url);
                return;
            }
            failure = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
        {
            failure = exception.Message;
        }
        RetryLater(job, failure, stoppingToken);
    }

    private void RetryLater(WebhookJob job, string failure, CancellationToken stoppingToken)
    {
        var delays = account.Options.RetryDelays;
        if (job.Attempt >= delays.Count)
        {
            logger.LogWarning("Gave up delivering {EventId} to {Url} after {Attempts} attempts; last failure: {Failure}",
                job.EventId, job.Endpoint.Url, job.Attempt + 1, failure);
            return;
        }
        var delay = delays[job.Attempt];
        logger.LogInformation("Delivering {EventId} to {Url} failed ({Failure}); retrying in {Delay}",
            job.EventId, job.Endpoint.Url, failure, delay);
        _ = RequeueAsync(job with { Attempt = job.Attempt + 1 }, delay, stoppingToken);
    }

    private async Task RequeueAsync(WebhookJob job, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            queue.Enqueue(job);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
