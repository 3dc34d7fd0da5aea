using System.Text.Json;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Takes a webhook from Stripe: the signature is checked on the raw body first, then the event is kept
/// once by its id and the worker is woken. Nothing changes state here; the worker asks Stripe for the
/// object's current state before anything moves, off the request.
/// </summary>
public sealed class ReceiveProviderEvent(PlatformDbContext db, IOptions<StripeOptions> options, ProviderEventSignal signal, TimeProvider clock)
{
    public enum Result { Accepted, Duplicate, BadSignature, Malformed }

    public async Task<Result> RunAsync(byte[] body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (StripeWebhookSignature.Verify(signatureHeader, body, options.Value.WebhookSecrets, clock.GetUtcNow()) != StripeWebhookSignature.Result.Valid)
            return Result.BadSignature;

        ProviderEvent received;
        try
        {
            var stripeEvent = JsonSerializer.Deserialize<StripeEvent>(body, StripeClient.Json);
            if (stripeEvent is not { Id.Length: > 0, Type.Length: > 0 } || stripeEvent.Data.Object.ValueKind != JsonValueKind.Object) return Result.Malformed;
            var subject = stripeEvent.Data.Object;
            var metadata = subject.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            received = ProviderEvent.Receive(
                stripeEvent.Id, stripeEvent.Type, subject.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "",
                GuidFrom(metadata, PaymentMetadata.CityId), GuidFrom(metadata, PaymentMetadata.PaymentId), GuidFrom(metadata, PaymentMetadata.RefundId),
                clock.GetUtcNow());
        }
        catch (JsonException)
        {
            return Result.Malformed;
        }

        var stored = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO provider_events (id, type, object_id, city_id, payment_id, refund_id, received_at, next_attempt_at, attempts)
             VALUES ({received.Id}, {received.Type}, {received.ObjectId}, {received.CityId}, {received.PaymentId}, {received.RefundId}, {received.ReceivedAt}, {received.NextAttemptAt}, 0)
             ON CONFLICT (id) DO NOTHING
             """, cancellationToken);
        if (stored == 0) return Result.Duplicate;
        signal.Raise();
        return Result.Accepted;
    }

    private static Guid? GuidFrom(JsonElement metadata, string key) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(key, out var value) && Guid.TryParse(value.GetString(), out var guid) ? guid : null;
}

/// <summary>Wakes the event worker of this instance when a webhook arrived; other instances find it on their next poll.</summary>
public sealed class ProviderEventSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: one wake-up drains everything.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
