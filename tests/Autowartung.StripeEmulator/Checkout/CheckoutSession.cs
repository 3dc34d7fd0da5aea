using System.Text.Json.Nodes;
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

    public object? AdaptivePricing => null;

    public object? AfterExpiration => null;

    public bool? AllowPromotionCodes => null;

    public required long AmountSubtotal { get; init; }

    public required long AmountTotal { get; init; }

    public AutomaticTax AutomaticTax => new();

    public string? BillingAddressCollection => null;

    public string? CancelUrl { get; init; }

    public string? ClientReferenceId { get; init; }

    public object? ClientSecret => null;

    public object? CollectedInformation => null;

    public object? Consent => null;

    public object? ConsentCollection => null;

    public required string Currency { get; init; }

    public object? CurrencyConversion => null;

    public IReadOnlyList<object> CustomFields => [];

    public CustomText CustomText => new();

    public string? Customer { get; set; }

    public object? CustomerAccount => null;

    public string? CustomerCreation => Customer is null ? "if_required" : null;

    public CustomerDetails? CustomerDetails { get; set; }

    public string? CustomerEmail { get; init; }

    public IReadOnlyList<object> Discounts => [];

    public required long ExpiresAt { get; init; }

    public object? IntegrationIdentifier => null;

    public object? Invoice => null;

    public InvoiceCreation InvoiceCreation => new();

    public string? Locale { get; init; }

    public object? ManagedPayments => null;

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string Mode => "payment";

    /// <summary>Null until the customer first tries to pay.</summary>
    public string? PaymentIntent { get; set; }

    public object? PaymentLink => null;

    public string PaymentMethodCollection => "always";

    public object? PaymentMethodConfigurationDetails => null;

    public JsonObject PaymentMethodOptions => new();

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    /// <summary>
    /// What the client allowed (since 2026-10-28.endive, in place of the <c>payment_method_types</c> parameter);
    /// the emulator offers all of it, so both lists are the same.
    /// </summary>
    public IReadOnlyList<string> AllowedPaymentMethodTypes => PaymentMethodTypes;

    public string PaymentStatus { get; set; } = "unpaid";

    public object? Permissions => null;

    public Toggle PhoneNumberCollection => new(false);

    public object? OriginContext => null;

    public object? RecoveredFrom => null;

    public object? SavedPaymentMethodOptions => null;

    public object? SetupIntent => null;

    public object? ShippingAddressCollection => null;

    public object? ShippingCost => null;

    public IReadOnlyList<object> ShippingOptions => [];

    public string Status { get; set; } = CheckoutSessionStatus.Open;

    public object? SubmitType => null;

    public object? Subscription => null;

    public required string SuccessUrl { get; init; }

    public TotalDetails TotalDetails => new(0, 0, 0);

    public string UiMode => "hosted";

    /// <summary>The hosted page while the session is open, else null.</summary>
    public string? Url => Status == CheckoutSessionStatus.Open ? HostedUrl : null;

    public object? WalletOptions => null;

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

public sealed record Toggle(bool Enabled);

public sealed class AutomaticTax
{
    public bool Enabled => false;
    public object? Liability => null;
    public object? Provider => null;
    public object? Status => null;
}

public sealed class CustomText
{
    public object? AfterSubmit => null;
    public object? ShippingAddress => null;
    public object? Submit => null;
    public object? TermsOfServiceAcceptance => null;
}

/// <summary>Payment mode makes no invoice unless asked to; the emulator never does.</summary>
public sealed class InvoiceCreation
{
    public bool Enabled => false;

    public InvoiceData InvoiceData => new();
}

public sealed class InvoiceData
{
    public object? AccountTaxIds => null;
    public object? CustomFields => null;
    public object? Description => null;
    public object? Footer => null;
    public object? Issuer => null;
    public Dictionary<string, string> Metadata => [];
    public object? RenderingOptions => null;
}

public sealed record TotalDetails(long AmountDiscount, long AmountShipping, long AmountTax);

public sealed record LineItem(string Name, long UnitAmount, long Quantity)
{
    public long Total => UnitAmount * Quantity;
}

/// <summary>What the session's PaymentIntent is created with.</summary>
public sealed record PaymentIntentData(string? SetupFutureUsage, string? Description, Dictionary<string, string> Metadata);
