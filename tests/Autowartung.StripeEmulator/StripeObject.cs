using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator;

/// <summary>
/// What every Stripe API object has: id, object, created (unix seconds), and livemode (always false here) on every
/// object that has one (a refund has none).
/// </summary>
public abstract class StripeObject
{
    [JsonPropertyOrder(-10)]
    public required string Id { get; init; }

    [JsonPropertyOrder(-9)]
    public string Object => ObjectName;

    [JsonPropertyOrder(-8)]
    public required long Created { get; init; }

    [JsonPropertyOrder(-7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Livemode => HasLivemode ? false : null;

    protected virtual bool HasLivemode => true;

    /// <summary>Stripe's name for the type, e.g. <c>payment_intent</c>.</summary>
    protected abstract string ObjectName { get; }
}
