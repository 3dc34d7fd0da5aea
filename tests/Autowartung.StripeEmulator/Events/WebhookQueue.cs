using System.Threading.Channels;

namespace Autowartung.StripeEmulator.Events;

/// <summary>One delivery of one event to one endpoint; <paramref name="Attempt"/> counts the retries before it.</summary>
public sealed record WebhookJob(string EventId, WebhookEndpoint Endpoint, int Attempt);

/// <summary>Deliveries waiting for <see cref="WebhookDelivery"/>. Unbounded: publishing never waits on the network.</summary>
public sealed class WebhookQueue
{
    private readonly Channel<WebhookJob> channel = Channel.CreateUnbounded<WebhookJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(WebhookJob job) => channel.Writer.TryWrite(job);

    public IAsyncEnumerable<WebhookJob> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
