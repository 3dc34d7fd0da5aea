using System.Text;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StripeNet = global::Stripe;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Takes a webhook from Stripe: Stripe.net checks the signature on the raw body first (each configured secret
/// in turn, so a rotation loses nothing; a 300 s tolerance against replays; an event of another API version
/// than the library's is refused), then the event is kept once by its id and the worker is woken. Nothing
/// changes state here; the worker asks Stripe for the object's current state before anything moves, off the request.
/// </summary>
public sealed class ReceiveProviderEvent(PlatformDbContext db, IOptions<StripeOptions> options, ProviderEventSignal signal, TimeProvider clock)
{
    private const long ToleranceSeconds = 300;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether the event was new here: a duplicate is a success too, so Stripe stops resending it.</summary>
    public enum Receipt { Accepted, Duplicate }

    public const string BadSignature = "Invalid signature.";

    public const string NotAnEvent = "Not a Stripe event.";

    /// <returns>The receipt; invalid (<c>Stripe-Signature</c>) for a signature that no secret matches, or for a body that is no Stripe event.</returns>
    public async Task<Result<Receipt>> RunAsync(byte[] body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) return Refused(BadSignature);
        string json;
        try
        {
            json = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Refused(NotAnEvent);
        }

        var now = clock.GetUtcNow();
        StripeNet.Event? stripeEvent = null;
        foreach (var secret in options.Value.WebhookSecrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            try
            {
                stripeEvent = StripeNet.EventUtility.ConstructEvent(
                    json, signatureHeader, secret, ToleranceSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
                break;
            }
            catch (Exception exception) when (exception is StripeNet.StripeException or FormatException or OverflowException)
            {
                // Not signed with this secret (or not recently, or of another API version; a timestamp that is no
                // number fails as a FormatException): the next secret may match.
            }
            catch (System.Text.Json.JsonException)
            {
                return Refused(NotAnEvent);   // signed, but no event Stripe.net can read
            }
        }
        if (stripeEvent is null) return Refused(BadSignature);
        if (stripeEvent is not { Id.Length: > 0, Type.Length: > 0 }) return Refused(NotAnEvent);

        var subject = stripeEvent.Data?.Object;
        var metadata = (subject as StripeNet.IHasMetadata)?.Metadata;
        var received = ProviderEvent.Receive(
            stripeEvent.Id, stripeEvent.Type, (subject as StripeNet.IHasId)?.Id ?? "",
            GuidFrom(metadata, PaymentMetadata.CityId), GuidFrom(metadata, PaymentMetadata.PaymentId), GuidFrom(metadata, PaymentMetadata.RefundId),
            now);

        var stored = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO provider_events (id, type, object_id, city_id, payment_id, refund_id, received_at, next_attempt_at, attempts)
             VALUES ({received.Id}, {received.Type}, {received.ObjectId}, {received.CityId}, {received.PaymentId}, {received.RefundId}, {received.ReceivedAt}, {received.NextAttemptAt}, 0)
             ON CONFLICT (id) DO NOTHING
             """, cancellationToken);
        if (stored == 0) return Receipt.Duplicate;
        signal.Raise();
        return Receipt.Accepted;
    }

    private static Failure Refused(string reason) => Result.Invalid("Stripe-Signature", reason);

    private static Guid? GuidFrom(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && Guid.TryParse(value, out var guid) ? guid : null;
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
