using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Payments;

public static class PaymentIntentStatus
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresConfirmation = "requires_confirmation";
    public const string RequiresAction = "requires_action";
    public const string Processing = "processing";
    public const string RequiresCapture = "requires_capture";
    public const string Canceled = "canceled";
    public const string Succeeded = "succeeded";

    public static readonly string[] Confirmable = [RequiresPaymentMethod, RequiresConfirmation, RequiresAction];
    public static readonly string[] Cancelable = [RequiresPaymentMethod, RequiresCapture, RequiresConfirmation, RequiresAction];
}

/// <summary>Stripe's <c>payment_intent</c>. Its transitions live in <see cref="PaymentFlow"/>.</summary>
public sealed class PaymentIntent : StripeObject
{
    protected override string ObjectName => "payment_intent";

    public required long Amount { get; init; }

    public long AmountCapturable { get; set; }

    public AmountDetails AmountDetails => new();

    public long AmountReceived { get; set; }

    public object? Application => null;

    public object? ApplicationFeeAmount => null;

    public object? AutomaticPaymentMethods => null;

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    public required string CaptureMethod { get; init; }

    public required string ClientSecret { get; init; }

    public string ConfirmationMethod => "automatic";

    public required string Currency { get; init; }

    public string? Customer { get; set; }

    public object? CustomerAccount => null;

    public string? Description { get; init; }

    public IReadOnlyList<string>? ExcludedPaymentMethodTypes => null;

    public PaymentError? LastPaymentError { get; set; }

    public string? LatestCharge { get; set; }

    public object? ManagedPayments => null;

    public Dictionary<string, string> Metadata { get; init; } = [];

    public NextAction? NextAction { get; set; }

    public object? OnBehalfOf => null;

    public string? PaymentMethod { get; set; }

    public object? PaymentMethodConfigurationDetails => null;

    public JsonObject PaymentMethodOptions => new();

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    /// <summary>
    /// What the client allowed (since 2026-10-28.endive, in place of the <c>payment_method_types</c> parameter);
    /// the emulator offers all of it, so both lists are the same.
    /// </summary>
    public IReadOnlyList<string> AllowedPaymentMethodTypes => PaymentMethodTypes;

    public object? Processing => null;

    public object? ReceiptEmail => null;

    public object? Review => null;

    public string? SetupFutureUsage { get; set; }

    public object? Shipping => null;

    public object? Source => null;

    public object? StatementDescriptor => null;

    public object? StatementDescriptorSuffix => null;

    public required string Status { get; set; }

    public object? TransferData => null;

    public object? TransferGroup => null;

    /// <summary>Where the browser returns after 3-D Secure.</summary>
    [JsonIgnore]
    public string? ReturnUrl { get; set; }

    /// <summary>The Checkout Session that created this PaymentIntent, if any.</summary>
    [JsonIgnore]
    public string? CheckoutSession { get; init; }

    /// <summary>When a processing SEPA debit settles.</summary>
    [JsonIgnore]
    public DateTimeOffset? SettlesAt { get; set; }
}

/// <summary>Why the last attempt failed: <c>{type, code, decline_code, message, payment_method, charge}</c>.</summary>
public sealed class PaymentError
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Charge { get; init; }

    public required string Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeclineCode { get; init; }

    public string DocUrl => Api.StripeException.DocUrl(Code);

    public required string Message { get; init; }

    public JsonObject? PaymentMethod { get; init; }

    public required string Type { get; init; }
}

public sealed class AmountDetails
{
    public JsonObject Tip => new();
}

public sealed record NextAction(string Type, RedirectToUrl RedirectToUrl);

public sealed record RedirectToUrl(string? ReturnUrl, string Url);
