namespace Autowartung.StripeEmulator;

/// <summary>
/// What caused a state change, for the event's <c>request</c> field: the API request and its idempotency key,
/// or nothing when the customer (hosted pages) or time (settlement, expiry) caused it, as Stripe reports it.
/// </summary>
public sealed record Origin(string? RequestId, string? IdempotencyKey)
{
    public static readonly Origin Automatic = new(null, null);
}
