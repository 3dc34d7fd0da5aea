namespace Autowartung.Platform.Payments;

/// <summary>
/// The payment provider as the platform needs it: customers, hosted checkout, charges of a saved payment
/// method, refunds. Stripe stands behind it (<see cref="Stripe.StripePaymentGateway"/>). Every call
/// that changes something takes an idempotency key the caller derived from our own ids and stored
/// before the call, so repeating it after a crash never charges twice.
/// </summary>
public interface IPaymentGateway
{
    Task<string> CreateCustomerAsync(Guid userId, string email, string name, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayCheckout> CreateCheckoutAsync(CheckoutRequest request, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayCheckout> GetCheckoutAsync(string checkoutId, CancellationToken cancellationToken);

    /// <summary>Closes an open checkout; a checkout that was completed meanwhile comes back as it is.</summary>
    Task<GatewayCheckout> ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayPayment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>Charges a saved payment method without the customer present. A decline or a bank that demands authentication is a result, not an exception.</summary>
    Task<GatewayPayment> ChargeOffSessionAsync(OffSessionCharge charge, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Tries a payment again with the customer present; when the bank wants to see them, the result carries the page to send them to.</summary>
    Task<GatewayPayment> ConfirmOnSessionAsync(string paymentId, string paymentMethodId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayPayment> CaptureAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayRefund> RefundAsync(string paymentId, int amountCents, IReadOnlyDictionary<string, string> metadata, string idempotencyKey, CancellationToken cancellationToken);

    Task<GatewayRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken);
}

/// <summary>The provider could not do what was asked (refused the request, or could not be reached), as opposed to a card outcome.</summary>
public class PaymentGatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The provider no longer knows the customer a request named (deleted there, or made in another mode or
/// account): the stored customer is stale and a new one is needed.
/// </summary>
public sealed class PaymentCustomerMissingException(string customerId, Exception? inner = null)
    : PaymentGatewayException($"The provider has no customer {customerId}.", inner)
{
    public string CustomerId { get; } = customerId;
}

public enum GatewayPaymentState { RequiresPaymentMethod, RequiresConfirmation, RequiresAction, Processing, RequiresCapture, Succeeded, Canceled }

public enum PaymentFailureKind { Declined, AuthenticationRequired, AuthenticationFailed, Other }

/// <summary>Why the last attempt failed: the provider's code, sorted into what the customer can do about it.</summary>
public sealed record PaymentFailure(PaymentFailureKind Kind, string Code);

public sealed record GatewayPayment(
    string Id,
    GatewayPaymentState State,
    int AmountCents,
    int AmountReceivedCents,
    string? ChargeId,
    string? PaymentMethodId,
    string? PaymentMethodLabel,
    Uri? ActionUrl,
    PaymentFailure? Failure,
    IReadOnlyDictionary<string, string> Metadata);

public enum GatewayCheckoutState { Open, Complete, Expired }

public sealed record GatewayCheckout(string Id, GatewayCheckoutState State, bool Paid, Uri? Url, GatewayPayment? Payment, IReadOnlyDictionary<string, string> Metadata);

public sealed record CheckoutLine(string Name, int GrossCents);

public sealed record CheckoutRequest(
    string CustomerId,
    string Description,
    IReadOnlyList<CheckoutLine> Lines,
    Uri SuccessUrl,
    Uri CancelUrl,
    DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, string> Metadata);

public sealed record OffSessionCharge(string CustomerId, string PaymentMethodId, int AmountCents, string Description, IReadOnlyDictionary<string, string> Metadata);

public enum GatewayRefundState { Pending, Succeeded, Failed, Canceled }

public sealed record GatewayRefund(string Id, GatewayRefundState State, int AmountCents, string? FailureReason);
