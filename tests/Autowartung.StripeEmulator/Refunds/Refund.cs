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

    protected override bool HasLivemode => false;

    public required long Amount { get; init; }

    public object? BalanceTransaction => null;

    public required string Charge { get; init; }

    public required string Currency { get; init; }

    public string? Customer { get; init; }

    public object? CustomerAccount => null;

    /// <summary>Where the money went back to: the card or the account it came from.</summary>
    public required RefundDestination DestinationDetails { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public required string PaymentIntent { get; init; }

    public string? PaymentMethod { get; init; }

    public string? Reason { get; init; }

    public object? ReceiptNumber => null;

    public object? SourceTransferReversal => null;

    public object? TransferReversal => null;

    public required string Status { get; set; }

    [JsonIgnore]
    public DateTimeOffset? SettlesAt { get; set; }
}

/// <summary><c>{"type": "card", "card": {…}}</c> or <c>{"type": "sepa_debit", "sepa_debit": {}}</c>.</summary>
public sealed class RefundDestination
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RefundCardDestination? Card { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? SepaDebit { get; init; }

    public required string Type { get; init; }

    public static RefundDestination For(string paymentMethodType) => paymentMethodType == Payments.PaymentMethodTypes.SepaDebit
        ? new() { Type = paymentMethodType, SepaDebit = [] }
        : new() { Type = paymentMethodType, Card = new RefundCardDestination() };
}

public sealed class RefundCardDestination
{
    public object? Reference => null;
    public string ReferenceStatus => "pending";
    public string ReferenceType => "acquirer_reference_number";
    public string Type => "refund";
}
