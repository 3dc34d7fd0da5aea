using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Events;

/// <summary>Stripe's <c>event</c>: what happened, with the object as it was at that moment.</summary>
public sealed class StripeEvent : StripeObject
{
    protected override string ObjectName => "event";

    public string ApiVersion => EmulatorOptions.ApiVersion;

    public required EventData Data { get; init; }

    /// <summary>Deliveries not yet answered with a 2xx.</summary>
    public int PendingWebhooks { get; set; }

    public required EventRequest Request { get; init; }

    public required string Type { get; init; }
}

public sealed record EventData([property: JsonPropertyName("object")] JsonObject Subject);

/// <summary>The API request that caused the event; both null when the customer or time caused it.</summary>
public sealed record EventRequest(string? Id, string? IdempotencyKey);

/// <summary>The event types the emulator sends, as Stripe names them.</summary>
public static class EventTypes
{
    public const string CustomerCreated = "customer.created";
    public const string CustomerUpdated = "customer.updated";
    public const string PaymentMethodAttached = "payment_method.attached";
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string CheckoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed";
    public const string CheckoutSessionExpired = "checkout.session.expired";
    public const string PaymentIntentCreated = "payment_intent.created";
    public const string PaymentIntentProcessing = "payment_intent.processing";
    public const string PaymentIntentRequiresAction = "payment_intent.requires_action";
    public const string PaymentIntentSucceeded = "payment_intent.succeeded";
    public const string PaymentIntentPaymentFailed = "payment_intent.payment_failed";
    public const string PaymentIntentCanceled = "payment_intent.canceled";
    public const string PaymentIntentAmountCapturableUpdated = "payment_intent.amount_capturable_updated";
    public const string ChargePending = "charge.pending";
    public const string ChargeSucceeded = "charge.succeeded";
    public const string ChargeFailed = "charge.failed";
    public const string ChargeCaptured = "charge.captured";
    public const string ChargeRefunded = "charge.refunded";
    public const string RefundCreated = "refund.created";
    public const string RefundUpdated = "refund.updated";
    public const string SetupIntentSucceeded = "setup_intent.succeeded";
    public const string SetupIntentSetupFailed = "setup_intent.setup_failed";
}
