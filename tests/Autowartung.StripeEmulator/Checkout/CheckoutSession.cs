using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Checkout;

public static class CheckoutSessionStatus
{
    public const string Open = "open";
    public const string Complete = "complete";
    public const string Expired = "expired";
}

/// <summary>Stripe's <c>checkout.session</c> in <c>payment</c> mode: a hosted page that collects one payment.</summary>
public sealed class CheckoutSession : StripeObject
{
    protected override string ObjectName => "checkout.session";

    public required long AmountSubtotal { get; init; }

    public required long AmountTotal { get; init; }

    public string? CancelUrl { get; init; }

    public string? ClientReferenceId { get; init; }

    public object? ClientSecret => null;

    public required string Currency { get; init; }

    public string? Customer { get; set; }

    public string? CustomerCreation => Customer is null ? "if_required" : null;

    public CustomerDetails? CustomerDetails { get; set; }

    public string? CustomerEmail { get; init; }

    public required long ExpiresAt { get; init; }

    public string? Locale { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string Mode => "payment";

    /// <summary>Null until the customer first tries to pay.</summary>
    public string? PaymentIntent { get; set; }

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    public string PaymentStatus { get; set; } = "unpaid";

    public string Status { get; set; } = CheckoutSessionStatus.Open;

    public required string SuccessUrl { get; init; }

    public TotalDetails TotalDetails => new(0, 0, 0);

    public string UiMode => "hosted";

    /// <summary>The hosted page while the session is open, else null.</summary>
    public string? Url => Status == CheckoutSessionStatus.Open ? HostedUrl : null;

    [JsonIgnore]
    public string HostedUrl { get; init; } = "";

    [JsonIgnore]
    public IReadOnlyList<LineItem> LineItems { get; init; } = [];

    [JsonIgnore]
    public PaymentIntentData PaymentIntentData { get; init; } = new(null, null, []);
}

public sealed record CustomerDetails(string? Email, string? Name)
{
    public object? Address => null;
    public object? Phone => null;
    public string TaxExempt => "none";
    public IReadOnlyList<object> TaxIds => [];
}

public sealed record TotalDetails(long AmountDiscount, long AmountShipping, long AmountTax);

public sealed record LineItem(string Name, long UnitAmount, long Quantity)
{
    public long Total => UnitAmount * Quantity;
}

/// <summary>What the session's PaymentIntent is created with.</summary>
public sealed record PaymentIntentData(string? SetupFutureUsage, string? Description, Dictionary<string, string> Metadata);
