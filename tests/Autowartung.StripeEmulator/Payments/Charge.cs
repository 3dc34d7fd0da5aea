using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Payments;

public static class ChargeStatus
{
    public const string Succeeded = "succeeded";
    public const string Pending = "pending";
    public const string Failed = "failed";
}

/// <summary>Stripe's <c>charge</c>: one attempt to move the money of a PaymentIntent.</summary>
public sealed class Charge : StripeObject
{
    protected override string ObjectName => "charge";

    public required long Amount { get; init; }

    public object? Application => null;

    public object? ApplicationFee => null;

    public object? ApplicationFeeAmount => null;

    public long AmountCaptured { get; set; }

    /// <summary>Refunded plus released: Stripe counts the uncaptured rest of a partial capture as refunded.</summary>
    public long AmountRefunded => Released + RefundedByRefunds;

    public object? BalanceTransaction => null;

    public required BillingDetails BillingDetails { get; init; }

    public object? CalculatedStatementDescriptor => null;

    public bool Captured { get; set; }

    public required string Currency { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public bool Disputed => false;

    public object? FailureBalanceTransaction => null;

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public Dictionary<string, string> FraudDetails => [];

    public Dictionary<string, string> Metadata { get; init; } = [];

    public object? OnBehalfOf => null;

    public ChargeOutcome? Outcome { get; set; }

    public bool Paid { get; set; }

    public required string PaymentIntent { get; init; }

    public required string PaymentMethod { get; init; }

    public required PaymentMethodDetails PaymentMethodDetails { get; init; }

    public object? ReceiptEmail => null;

    public object? ReceiptNumber => null;

    public object? ReceiptUrl => null;

    /// <summary>Fully refunded.</summary>
    public bool Refunded => AmountRefunded >= Amount;

    /// <summary>Only with <c>expand[]=refunds</c> at Stripe, which the emulator does not offer: list them with <c>GET /v1/refunds?charge=</c>.</summary>
    public object? Refunds => null;

    public object? Review => null;

    public object? Shipping => null;

    public object? Source => null;

    public object? SourceTransfer => null;

    public object? StatementDescriptor => null;

    public object? StatementDescriptorSuffix => null;

    public required string Status { get; set; }

    public object? TransferData => null;

    public object? TransferGroup => null;

    [JsonIgnore]
    public long Released { get; set; }

    [JsonIgnore]
    public long RefundedByRefunds { get; set; }

    /// <summary>What a refund may still take back.</summary>
    [JsonIgnore]
    public long Refundable => AmountCaptured - RefundedByRefunds;
}

public sealed record ChargeOutcome(string NetworkStatus, string? Reason, string RiskLevel, string SellerMessage, string Type)
{
    public static readonly ChargeOutcome Authorized = new("approved_by_network", null, "normal", "Payment complete.", "authorized");

    public static ChargeOutcome Declined(string reason) =>
        new("declined_by_network", reason, "normal", "The bank did not return any further details with this decline.", "issuer_declined");
}

public sealed class PaymentMethodDetails
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CardDetails? Card { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SepaDebitDetails? SepaDebit { get; init; }

    public required string Type { get; init; }

    public static PaymentMethodDetails Of(PaymentMethod method) =>
        new() { Type = method.Type, Card = method.Card, SepaDebit = method.SepaDebit };
}
