namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> on Stripe: Customers, Checkout Sessions (payment mode, card and SEPA
/// debit, the payment method saved for later off-session use), PaymentIntents and Refunds. Amounts are
/// euro cents, as everywhere on the platform.
/// </summary>
public sealed class StripePaymentGateway(StripeClient stripe) : IPaymentGateway
{
    private const string Currency = "eur";

    public async Task<string> CreateCustomerAsync(Guid userId, string email, string name, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm().Add("email", email).Add("name", name).Add("metadata[user_id]", userId.ToString());
        var customer = await CallAsync(() => stripe.PostAsync<StripeCustomer>("/v1/customers", form, idempotencyKey, cancellationToken));
        return customer.Id;
    }

    public async Task<GatewayCheckout> CreateCheckoutAsync(CheckoutRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm()
            .Add("mode", "payment")
            .Add("customer", request.CustomerId)
            .AddList("payment_method_types", ["card", "sepa_debit"])
            .Add("payment_intent_data[setup_future_usage]", "off_session")
            .Add("payment_intent_data[description]", request.Description)
            .AddMetadata("payment_intent_data[metadata]", request.Metadata)
            .AddMetadata("metadata", request.Metadata)
            .Add("success_url", request.SuccessUrl.ToString())
            .Add("cancel_url", request.CancelUrl.ToString())
            .Add("expires_at", request.ExpiresAt.ToUnixTimeSeconds())
            .Add("locale", "de");
        for (var i = 0; i < request.Lines.Count; i++)
        {
            form.Add($"line_items[{i}][price_data][currency]", Currency)
                .Add($"line_items[{i}][price_data][unit_amount]", request.Lines[i].GrossCents)
                .Add($"line_items[{i}][price_data][product_data][name]", request.Lines[i].Name)
                .Add($"line_items[{i}][quantity]", 1);
        }
        var session = await CallAsync(() => stripe.PostAsync<StripeCheckoutSession>("/v1/checkout/sessions", form, idempotencyKey, cancellationToken));
        return ToCheckout(session);
    }

    public async Task<GatewayCheckout> GetCheckoutAsync(string checkoutId, CancellationToken cancellationToken)
    {
        var session = await CallAsync(() => stripe.GetAsync<StripeCheckoutSession>(
            $"/v1/checkout/sessions/{Uri.EscapeDataString(checkoutId)}", cancellationToken, "payment_intent", "payment_intent.payment_method"));
        return ToCheckout(session);
    }

    public async Task<GatewayCheckout> ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            await stripe.PostAsync<StripeCheckoutSession>($"/v1/checkout/sessions/{Uri.EscapeDataString(checkoutId)}/expire", new StripeForm(), idempotencyKey, cancellationToken);
        }
        catch (StripeException exception) when (exception.Error.Type == "invalid_request_error" && !exception.IsNotFound)
        {
            // Only open sessions can be expired: this one was completed (or expired) meanwhile. What it is now is the answer.
        }
        return await GetCheckoutAsync(checkoutId, cancellationToken);
    }

    public async Task<GatewayPayment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        ToPayment(await CallAsync(() => stripe.GetAsync<StripePaymentIntent>(PaymentIntentPath(paymentId), cancellationToken, "payment_method")));

    public Task<GatewayPayment> ChargeOffSessionAsync(OffSessionCharge charge, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm()
            .Add("amount", charge.AmountCents)
            .Add("currency", Currency)
            .Add("customer", charge.CustomerId)
            .Add("payment_method", charge.PaymentMethodId)
            .Add("description", charge.Description)
            .AddMetadata("metadata", charge.Metadata)
            .Add("off_session", true)
            .Add("confirm", true)
            .AddExpand(["payment_method"]);
        return PaymentCallAsync(() => stripe.PostAsync<StripePaymentIntent>("/v1/payment_intents", form, idempotencyKey, cancellationToken));
    }

    public Task<GatewayPayment> ConfirmOnSessionAsync(string paymentId, string paymentMethodId, Uri returnUrl, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm().Add("payment_method", paymentMethodId).Add("return_url", returnUrl.ToString()).AddExpand(["payment_method"]);
        return PaymentCallAsync(() => stripe.PostAsync<StripePaymentIntent>($"{PaymentIntentPath(paymentId)}/confirm", form, idempotencyKey, cancellationToken));
    }

    public Task<GatewayPayment> CaptureAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        PaymentCallAsync(() => stripe.PostAsync<StripePaymentIntent>($"{PaymentIntentPath(paymentId)}/capture", new StripeForm(), idempotencyKey, cancellationToken));

    public Task<GatewayPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        PaymentCallAsync(() => stripe.PostAsync<StripePaymentIntent>($"{PaymentIntentPath(paymentId)}/cancel", new StripeForm(), idempotencyKey, cancellationToken));

    public async Task<GatewayRefund> RefundAsync(string paymentId, int amountCents, IReadOnlyDictionary<string, string> metadata, string idempotencyKey, CancellationToken cancellationToken)
    {
        var form = new StripeForm()
            .Add("payment_intent", paymentId)
            .Add("amount", amountCents)
            .Add("reason", "requested_by_customer")
            .AddMetadata("metadata", metadata);
        return ToRefund(await CallAsync(() => stripe.PostAsync<StripeRefund>("/v1/refunds", form, idempotencyKey, cancellationToken)));
    }

    public async Task<GatewayRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        ToRefund(await CallAsync(() => stripe.GetAsync<StripeRefund>($"/v1/refunds/{Uri.EscapeDataString(refundId)}", cancellationToken)));

    private static string PaymentIntentPath(string paymentId) => $"/v1/payment_intents/{Uri.EscapeDataString(paymentId)}";

    /// <summary>A card error with the PaymentIntent in its body is an outcome of the payment (declined, authentication needed), not a failure of the call.</summary>
    private static async Task<GatewayPayment> PaymentCallAsync(Func<Task<StripePaymentIntent>> call)
    {
        try
        {
            return ToPayment(await call());
        }
        catch (StripeException exception) when (exception.IsCardError && exception.Error.PaymentIntent is { } intent)
        {
            return ToPayment(intent with { LastPaymentError = intent.LastPaymentError ?? exception.Error });
        }
        catch (StripeException exception)
        {
            throw Refused(exception);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException exception)
        {
            throw Refused(exception);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception);
        }
    }

    /// <summary>Stripe's 400 <c>resource_missing</c> on the <c>customer</c> parameter names a customer it does not have.</summary>
    private static PaymentGatewayException Refused(StripeException exception) =>
        exception.Error is { Code: "resource_missing", Param: "customer" } && CustomerIn(exception.Error.Message) is { } customer
            ? new PaymentCustomerMissingException(customer, exception)
            : new PaymentGatewayException($"Stripe refused the request: {exception.Error.Type}/{exception.Error.Code} ({exception.Error.Param})", exception);

    /// <summary>The id in "No such customer: 'cus_…'".</summary>
    private static string? CustomerIn(string? message) =>
        message?.Split('\'') is [_, var id, ..] && id.StartsWith("cus_", StringComparison.Ordinal) ? id : null;


    private static PaymentGatewayException Unreachable(HttpRequestException exception) => new("Stripe could not be reached.", exception);

    private static GatewayCheckout ToCheckout(StripeCheckoutSession session) => new(
        session.Id,
        session.Status switch { "complete" => GatewayCheckoutState.Complete, "expired" => GatewayCheckoutState.Expired, _ => GatewayCheckoutState.Open },
        session.PaymentStatus == "paid",
        session.Url is null ? null : new Uri(session.Url),
        session.PaymentIntent?.Object is { } intent ? ToPayment(intent) : null,
        session.Metadata ?? []);

    private static GatewayPayment ToPayment(StripePaymentIntent intent) => new(
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
        intent.LatestCharge,
        intent.PaymentMethod?.Id,
        intent.PaymentMethod?.Object is { } method ? Label(method) : null,
        intent.NextAction?.RedirectToUrl?.Url is { } url ? new Uri(url) : null,
        intent.LastPaymentError is { } error ? ToFailure(error) : null,
        intent.Metadata ?? []);

    private static PaymentFailure ToFailure(StripeError error)
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

    private static string Label(StripePaymentMethod method) => method switch
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

    private static GatewayRefund ToRefund(StripeRefund refund) => new(
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
