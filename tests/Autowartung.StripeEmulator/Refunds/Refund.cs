using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Refunds;

public static class RefundStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
}

/// <summary>Stripe's <c>refund</c>. Card refunds succeed at once; SEPA refunds stay pending until they settle.</summary>
public sealed class Refund : StripeObject
{
    protected override string ObjectName => "refund";

    public required long Amount { get; init; }

    public object? BalanceTransaction => null;

    public required string Charge { get; init; }

    public required string Currency { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public required string PaymentIntent { get; init; }

    public string? Reason { get; init; }

    public object? ReceiptNumber => null;

    public required string Status { get; set; }

    [JsonIgnore]
    public DateTimeOffset? SettlesAt { get; set; }
}
