namespace Autowartung.Platform.Payments;

/// <summary>
/// A webhook event from the payment provider, kept once by its id (platform data: it arrives before
/// we know its city). Only routing facts are kept, never the payload: the object is fetched again from
/// the provider before anything changes, so duplicates and any order of arrival converge.
/// </summary>
public sealed class ProviderEvent
{
    private ProviderEvent() { }

    public string Id { get; private set; } = "";

    public string Type { get; private set; } = "";

    public string ObjectId { get; private set; } = "";

    public Guid? CityId { get; private set; }

    public Guid? PaymentId { get; private set; }

    public Guid? RefundId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>A worker's lease: until then no other worker takes the event.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The kind of error of the last failed attempt (no message: it could carry personal data).</summary>
    public string? LastError { get; private set; }

    public static ProviderEvent Receive(string id, string type, string objectId, Guid? cityId, Guid? paymentId, Guid? refundId, DateTimeOffset now) => new()
    {
        Id = id,
        Type = type,
        ObjectId = objectId,
        CityId = cityId,
        PaymentId = paymentId,
        RefundId = refundId,
        ReceivedAt = now,
        NextAttemptAt = now,
    };
}
