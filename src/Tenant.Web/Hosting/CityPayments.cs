using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Payments;

namespace Autowartung.Tenant.Web.Hosting;

/// <summary>
/// Payments on the city hosts: the webhook endpoint <c>/webhooks/stripe</c> (one for all cities: the
/// event's metadata names its city), and the worker that handles the events off the request.
/// </summary>
public static class CityPayments
{
    public const string WebhookPath = "/webhooks/stripe";

    /// <summary>Stripe's events are a few KB; anything much larger is not from Stripe.</summary>
    private const int MaxWebhookBytes = 256 * 1024;

    public static WebApplicationBuilder AddCityPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProviderEventWorkerOptions>().BindConfiguration("Payments");
        builder.Services.AddHostedService<ProviderEventWorker>();
        return builder;
    }

    public static RouteHandlerBuilder MapStripeWebhook(this WebApplication app) =>
        app.MapPost(WebhookPath, ReceiveAsync).ExcludeFromMultiTenantResolution().AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    /// <summary>200 once the event is kept (also for a duplicate, so Stripe stops resending); 400 for a bad signature.</summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, ReceiveProviderEvent receive, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxWebhookBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxWebhookBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            buffer.Write(chunk, 0, read);
        }
        var received = await receive.RunAsync(buffer.ToArray(), request.Headers["Stripe-Signature"], cancellationToken);
        return received.Succeeded
            ? Results.Ok(new { received = true })
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: received.Failure.Errors.Values.Single()[0]);
    }
}

public sealed class ProviderEventWorkerOptions
{
    /// <summary>How often the worker looks for events that another instance received or that are due for a retry.</summary>
    public int EventPollSeconds { get; set; } = 5;
}

/// <summary>Handles webhook events as soon as this instance receives one, and polls for the rest.</summary>
internal sealed partial class ProviderEventWorker(
    IServiceScopeFactory scopes, ProviderEventSignal signal, Microsoft.Extensions.Options.IOptions<ProviderEventWorkerOptions> options, ILogger<ProviderEventWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.EventPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int handled;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    handled = await scope.ServiceProvider.GetRequiredService<ProcessProviderEvents>().RunAsync(cancellationToken: stoppingToken);
                }
                while (handled > 0);
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be away for a moment; the events wait in the table.
                LogWorkerFailed(logger, exception.GetType().Name);
                await Task.Delay(poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Provider event worker failed ({Error}); trying again shortly")]
    private static partial void LogWorkerFailed(ILogger logger, string error);
}
