using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Events;
using Microsoft.Extensions.Options;

namespace Autowartung.StripeEmulator;

/// <summary>
/// The emulated Stripe account: every object and every event, in memory, behind one lock. A test double needs no
/// more: requests are few, and one lock makes every state change atomic, events included. Everything but
/// <see cref="Run{T}"/> must be called inside it.
/// </summary>
public sealed class Account(TimeProvider time, IOptions<EmulatorOptions> options, WebhookQueue webhooks)
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, StripeObject> objects = new(StringComparer.Ordinal);
    private Origin origin = Origin.Automatic;

    public DateTimeOffset Now => time.GetUtcNow();

    public long UnixNow => Now.ToUnixTimeSeconds();

    public EmulatorOptions Options => options.Value;

    /// <summary>Runs a piece of work alone; events it publishes name <paramref name="cause"/> as their request.</summary>
    public T Run<T>(Origin cause, Func<T> work)
    {
        lock (sync)
        {
            origin = cause;
            try
            {
                return work();
            }
            finally
            {
                origin = Origin.Automatic;
            }
        }
    }

    public void Run(Origin cause, Action work) => Run(cause, () =>
    {
        work();
        return true;
    });

    public T Add<T>(T item) where T : StripeObject
    {
        objects.Add(item.Id, item);
        return item;
    }

    public StripeObject? Find(string id) => objects.GetValueOrDefault(id);

    public T? Find<T>(string id) where T : StripeObject => objects.GetValueOrDefault(id) as T;

    /// <summary>The object, or Stripe's 404 <c>No such {kind}: '{id}'</c>.</summary>
    public T Get<T>(string id, string kind, string param = "id") where T : StripeObject =>
        Find<T>(id) ?? throw StripeException.ResourceMissing(kind, id, param);

    /// <summary>Objects of one type, newest first, as Stripe lists them.</summary>
    public IEnumerable<T> NewestFirst<T>() where T : StripeObject => objects.Values.OfType<T>().Reverse();

    /// <summary>Records an event with a snapshot of <paramref name="subject"/> as it is now and queues its delivery.</summary>
    public StripeEvent Publish(string type, StripeObject subject)
    {
        var endpoints = Options.ActiveWebhooks;
        var stripeEvent = Add(new StripeEvent
        {
            Id = Ids.Event(),
            Created = UnixNow,
            Type = type,
            Data = new EventData(StripeJson.Snapshot(subject)),
            Request = new EventRequest(origin.RequestId, origin.IdempotencyKey),
            PendingWebhooks = endpoints.Count,
        });
        foreach (var endpoint in endpoints)
        {
            webhooks.Enqueue(new WebhookJob(stripeEvent.Id, endpoint, Attempt: 0));
        }
        return stripeEvent;
    }

    /// <summary>Delivers an event again to every endpoint, <paramref name="times"/> times (duplicate delivery).</summary>
    public int Resend(StripeEvent stripeEvent, int times)
    {
        var endpoints = Options.ActiveWebhooks;
        for (var i = 0; i < times; i++)
        {
            foreach (var endpoint in endpoints)
            {
                stripeEvent.PendingWebhooks++;
                webhooks.Enqueue(new WebhookJob(stripeEvent.Id, endpoint, Attempt: 0));
            }
        }
        return times * endpoints.Count;
    }
}
