using StripeNet = global::Stripe;

namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> on Stripe.net: Customers, Checkout Sessions (payment mode, card and SEPA
/// debit, the payment method saved for later off-session use), PaymentIntents and Refunds. Amounts are
/// euro cents, as everywhere on the platform. Stripe.net pins the API version, encodes the requests, retries
/// network errors, 409 and 5xx with the same idempotency key, and reads Stripe's objects; this class only
/// says what to ask and sorts the answers into the gateway's outcomes.
/// </summary>
public sealed class StripePaymentGateway(StripeNet.StripeClient stripe) : IPaymentGateway
{
    private const string Currency = "eur";

    private static readonly List<string> CheckoutPaymentMethods = ["card", "sepa_debit"];

    public async Task<string> CreateCustomerAsync(Guid userId, string email, string name, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new StripeNet.CustomerCreateOptions
        {
            Email = email,
            Name = name,
            Metadata = new() { ["user_id"] = userId.ToString() },
        };
        var customer = await CallAsync(() => stripe.V1.Customers.CreateAsync(options, Keyed(idempotencyKey), cancellationToken), cancellationToken);
        return customer.Id;
    }

    public async Task<GatewayCheckout> CreateCheckoutAsync(CheckoutRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new StripeNet.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            Customer = request.CustomerId,
            AllowedPaymentMethodTypes = CheckoutPaymentMethods,
            PaymentIntentData = new()
            {
                SetupFutureUsage = "off_session",
                Description = request.Description,
                Metadata = new(request.Metadata),
            },
            Metadata = new(request.Metadata),
            SuccessUrl = request.SuccessUrl.ToString(),
            CancelUrl = request.CancelUrl.ToString(),
            ExpiresAt = request.ExpiresAt.UtcDateTime,
            Locale = "de",
            LineItems = request.Lines.Select(line => new StripeNet.Checkout.SessionLineItemOptions
            {
                PriceData = new()
                {
                    Currency = Currency,
                    UnitAmount = line.GrossCents,
                    ProductData = new() { Name = line.Name },
                },
                Quantity = 1,
            }).ToList(),
        };
        return ToCheckout(await CallAsync(() => stripe.V1.Checkout.Sessions.CreateAsync(options, Keyed(idempotencyKey), cancellationToken), cancellationToken));
    }

    public async Task<GatewayCheckout> GetCheckoutAsync(string checkoutId, CancellationToken cancellationToken)
    {
        var options = new StripeNet.Checkout.SessionGetOptions { Expand = ["payment_intent", "payment_intent.payment_method"] };
        return ToCheckout(await CallAsync(() => stripe.V1.Checkout.Sessions.GetAsync(checkoutId, options, null, cancellationToken), cancellationToken));
    }

    public async Task<GatewayCheckout> ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => stripe.V1.Checkout.Sessions.ExpireAsync(checkoutId, null, Keyed(idempotencyKey), cancellationToken), cancellationToken);
        }
        catch (PaymentGatewayException exception)
            when (exception.InnerException is StripeNet.StripeException { StripeError: { Type: "invalid_request_error", Code: not "resource_missing" } })
        {
            // Only open sessions can be expired: this one was completed (or expired) meanwhile. What it is now is the answer.
        }
        return await GetCheckoutAsync(checkoutId, cancellationToken);
    }

    public async Task<GatewayPayment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken)
    {
        var options = new StripeNet.PaymentIntentGetOptions { Expand = ["payment_method"] };
        return ToPayment(await CallAsync(() => stripe.V1.PaymentIntents.GetAsync(paymentId, options, null, cancellationToken), cancellationToken));
    }

    public Task<GatewayPayment> ChargeOffSessionAsync(OffSessionCharge charge, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new StripeNet.PaymentIntentCreateOptions
        {
            Amount = charge.AmountCents,
            Currency = Currency,
            Customer = charge.CustomerId,
            PaymentMethod = charge.PaymentMethodId,
            Description = charge.Description,
            Metadata = new(charge.Metadata),
            OffSession = true,
            Confirm = true,
            Expand = ["payment_method"],
        };
        return PaymentCallAsync(() => stripe.V1.PaymentIntents.CreateAsync(options, Keyed(idempotencyKey), cancellationToken), cancellationToken);
    }

    public Task<GatewayPayment> ConfirmOnSessionAsync(string paymentId, string paymentMethodId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new StripeNet.PaymentIntentConfirmOptions
        {
            PaymentMethod = paymentMethodId,
            ReturnUrl = returnUrl.ToString(),
            Expand = ["payment_method"],
        };
        return PaymentCallAsync(() => stripe.V1.PaymentIntents.ConfirmAsync(paymentId, options, Keyed(idempotencyKey), cancellationToken), cancellationToken);
    }

    public Task<GatewayPayment> CaptureAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        PaymentCallAsync(() => stripe.V1.PaymentIntents.CaptureAsync(paymentId, null, Keyed(idempotencyKey), cancellationToken), cancellationToken);

    public Task<GatewayPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        PaymentCallAsync(() => stripe.V1.PaymentIntents.CancelAsync(paymentId, null, Keyed(idempotencyKey), cancellationToken), cancellationToken);

    public async Task<GatewayRefund> RefundAsync(string paymentId, int amountCents, IReadOnlyDictionary<string, string> metadata, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new StripeNet.RefundCreateOptions
        {
            PaymentIntent = paymentId,
            Amount = amountCents,
            Reason = "requested_by_customer",
            Metadata = new(metadata),
        };
        return ToRefund(await CallAsync(() => stripe.V1.Refunds.CreateAsync(options, Keyed(idempotencyKey), cancellationToken), cancellationToken));
    }

    public async Task<GatewayRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        ToRefund(await CallAsync(() => stripe.V1.Refunds.GetAsync(refundId, null, null, cancellationToken), cancellationToken));

    /// <summary>The caller derived the key from our own ids and stored it first, so a repeat after a crash reuses it.</summary>
    private static StripeNet.RequestOptions Keyed(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new StripeNet.RequestOptions { IdempotencyKey = idempotencyKey };
    }

    /// <summary>A card error with the PaymentIntent in its body is an outcome of the payment (declined, authentication needed), not a failure of the call.</summary>
    private static async Task<GatewayPayment> PaymentCallAsync(Func<Task<StripeNet.PaymentIntent>> call, CancellationToken cancellationToken)
    {
        try
        {
            return ToPayment(await call());
        }
        catch (StripeNet.StripeException exception) when (exception.StripeError is { Type: "card_error", PaymentIntent: { } intent } error)
        {
            intent.LastPaymentError ??= error;
            return ToPayment(intent);
        }
        catch (StripeNet.StripeException exception)
        {
            throw Refused(exception);
        }
        catch (Exception exception) when (IsNetworkFailure(exception, cancellationToken))
        {
            throw Unreachable(exception);
        }
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (StripeNet.StripeException exception)
        {
            throw Refused(exception);
        }
        catch (Exception exception) when (IsNetworkFailure(exception, cancellationToken))
        {
            throw Unreachable(exception);
        }
    }

    /// <summary>What outlasted Stripe.net's retries: no answer at all, or none in time (its timeout, not our caller's cancellation).</summary>
    private static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Stripe's 400 <c>resource_missing</c> on the <c>customer</c> parameter names a customer it does not have.</summary>
    private static PaymentGatewayException Refused(StripeNet.StripeException exception) =>
        exception.StripeError is { Code: "resource_missing", Param: "customer" } error && CustomerIn(error.Message) is { } customer
            ? new PaymentCustomerMissingException(customer, exception)
            : new PaymentGatewayException(
                $"Stripe refused the request ({(int)exception.HttpStatusCode}): {exception.StripeError?.Type}/{exception.StripeError?.Code} ({exception.StripeError?.Param})",
                exception);

    /// <summary>The id in "No such customer: 'cus_…'".</summary>
    private static string? CustomerIn(string? message) =>
        message?.Split('\'') is [_, var id, ..] && id.StartsWith("cus_", StringComparison.Ordinal) ? id : null;

    private static PaymentGatewayException Unreachable(Exception exception) => new("Stripe could not be reached.", exception);

    private static GatewayCheckout ToCheckout(StripeNet.Checkout.Session session) => new(
        session.Id,
        session.Status switch { "complete" => GatewayCheckoutState.Complete, "expired" => GatewayCheckoutState.Expired, _ => GatewayCheckoutState.Open },
        session.PaymentStatus == "paid",
        session.Url is null ? null : new Uri(session.Url),
        session.PaymentIntent is { } intent ? ToPayment(intent) : null,
        session.Metadata ?? []);

    private static GatewayPayment ToPayment(StripeNet.PaymentIntent intent) => new(
        intent.Id,
        intent.Status switch
        {
            "requires_confirmation" => GatewayPaymentState.RequiresConfirmation,
            "requires_action" => GatewayPaymentState.RequiresAction,
            "processing" => GatewayPaymentState.Processing,
            "requires_capture" => GatewayPaymentState.RequiresCapture,
            "succeeded" => GatewayPaymentState.Succeeded,
            "canceled" => GatewayPaymentState.Canceled,
            _ => GatewayPaymentState.RequiresPaymentMethod,
        },
        checked((int)intent.Amount),
        checked((int)intent.AmountReceived),
        intent.LatestChargeId,
        intent.PaymentMethodId,
        intent.PaymentMethod is { } method ? Label(method) : null,
        intent.NextAction?.RedirectToUrl?.Url is { } url ? new Uri(url) : null,
        intent.LastPaymentError is { } error ? ToFailure(error) : null,
        intent.Metadata ?? []);

    private static PaymentFailure ToFailure(StripeNet.StripeError error)
    {
        var code = error.DeclineCode ?? error.Code ?? "unknown";
        var kind = (error.Code, error.DeclineCode) switch
        {
            ("authentication_required", _) or (_, "authentication_required") => PaymentFailureKind.AuthenticationRequired,
            ("payment_intent_authentication_failure", _) => PaymentFailureKind.AuthenticationFailed,
            ("card_declined", _) or ("expired_card", _) or ("incorrect_cvc", _) or ("insufficient_funds", _) => PaymentFailureKind.Declined,
            _ => PaymentFailureKind.Other,
        };
        return new PaymentFailure(kind, code);
    }

    private static string Label(StripeNet.PaymentMethod method) => method switch
    {
        { Type: "card", Card: { } card } => $"{Brand(card.Brand)} •••• {card.Last4}",
        { Type: "sepa_debit", SepaDebit: { } sepa } => $"SEPA-Lastschrift •••• {sepa.Last4}",
        _ => method.Type,
    };

    /// <summary>Stripe's brand codes, as the brands write themselves.</summary>
    private static string Brand(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "girocard" => "girocard",
        null or "" => "Karte",
        _ => char.ToUpperInvariant(brand[0]) + brand[1..],
    };

    private static GatewayRefund ToRefund(StripeNet.Refund refund) => new(
        refund.Id,
        refund.Status switch
        {
            "succeeded" => GatewayRefundState.Succeeded,
            "failed" => GatewayRefundState.Failed,
            "canceled" => GatewayRefundState.Canceled,
            _ => GatewayRefundState.Pending,
        },
        checked((int)refund.Amount),
        refund.FailureReason);
}
