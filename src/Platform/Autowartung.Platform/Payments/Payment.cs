namespace Autowartung.Platform.Payments;

public enum PaymentPurpose
{
    /// <summary>The booking's price, paid by the customer in the hosted checkout.</summary>
    Booking,

    /// <summary>Extra work the customer approved, charged to the saved payment method.</summary>
    ExtraWork,
}

public enum PaymentStatus
{
    /// <summary>Written, not yet at the provider: the idempotency key exists before the first call.</summary>
    Created,

    /// <summary>Waiting for the customer (checkout open, or a failed attempt that may be retried).</summary>
    Open,

    /// <summary>The bank wants the customer to confirm the payment (3-D Secure).</summary>
    RequiresAction,

    /// <summary>Accepted, money on its way (a SEPA debit).</summary>
    Processing,

    Succeeded,

    /// <summary>Failed for good: a debit bounced, or an off-session charge was declined.</summary>
    Failed,

    /// <summary>Closed without payment (checkout expired, booking cancelled before paying).</summary>
    Canceled,
}

/// <summary>
/// One charge of the payments ledger (tenant-owned): what we asked the provider to collect for a booking,
/// with the provider's ids, and what became of it. Its state only ever follows what the provider says
/// when asked by our server (a verified webhook makes us ask), never what a browser claims.
/// </summary>
public sealed class Payment
{
    private Payment() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public PaymentPurpose Purpose { get; private set; }

    /// <summary>Our own reference of what is paid for (e.g. an order extension); unique per booking and purpose.</summary>
    public string Reference { get; private set; } = "";

    public string Description { get; private set; } = "";

    public int AmountCents { get; private set; }

    public PaymentStatus Status { get; private set; }

    /// <summary>Derived from our id and stored before the first call, so a retry after a crash reuses it.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public string? CheckoutSessionId { get; private set; }

    public string? CheckoutUrl { get; private set; }

    public string? PaymentIntentId { get; private set; }

    public string? ChargeId { get; private set; }

    public string? PaymentMethodId { get; private set; }

    /// <summary>E.g. "visa •••• 4242": what the customer recognises on the page.</summary>
    public string? PaymentMethodLabel { get; private set; }

    /// <summary>Where the customer confirms the payment with their bank, while it needs that.</summary>
    public string? ActionUrl { get; private set; }

    public PaymentFailureKind? FailureKind { get; private set; }

    public string? FailureCode { get; private set; }

    public int RefundedCents { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsSettled => Status is PaymentStatus.Succeeded or PaymentStatus.Processing;

    public int RefundableCents => IsSettled ? AmountCents - RefundedCents : 0;

    public static Payment Create(Guid bookingId, PaymentPurpose purpose, string reference, string description, int amountCents, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountCents);
        var id = Guid.CreateVersion7(now);
        return new Payment
        {
            Id = id,
            BookingId = bookingId,
            Purpose = purpose,
            Reference = reference,
            Description = description,
            AmountCents = amountCents,
            Status = PaymentStatus.Created,
            IdempotencyKey = $"payment-{id:N}",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The ids our metadata carries at the provider, so a webhook finds its way back to this row in its city.</summary>
    public IReadOnlyDictionary<string, string> Metadata(Guid cityId) => new Dictionary<string, string>
    {
        [PaymentMetadata.CityId] = cityId.ToString(),
        [PaymentMetadata.PaymentId] = Id.ToString(),
        [PaymentMetadata.BookingId] = BookingId.ToString(),
    };

    public void OpenCheckout(GatewayCheckout checkout, DateTimeOffset now)
    {
        CheckoutSessionId = checkout.Id;
        CheckoutUrl = checkout.Url?.ToString();
        Observe(checkout, now);
    }

    /// <summary>Takes over what the provider says about the hosted checkout. Returns whether anything changed.</summary>
    public bool Observe(GatewayCheckout checkout, DateTimeOffset now)
    {
        var status = checkout switch
        {
            { Payment.State: GatewayPaymentState.Succeeded } or { Paid: true } => PaymentStatus.Succeeded,
            { Payment.State: GatewayPaymentState.Processing } => PaymentStatus.Processing,
            // A debit that bounced after the checkout completed: the session stays complete, the payment failed.
            { State: GatewayCheckoutState.Complete, Payment.State: GatewayPaymentState.RequiresPaymentMethod } => PaymentStatus.Failed,
            { State: GatewayCheckoutState.Expired } => PaymentStatus.Canceled,
            _ => PaymentStatus.Open,
        };
        if (checkout.State != GatewayCheckoutState.Open) CheckoutUrl = null;
        return Apply(status, checkout.Payment, now);
    }

    /// <summary>Takes over what the provider says about a payment attempt. Returns whether anything changed.</summary>
    public bool Observe(GatewayPayment payment, DateTimeOffset now)
    {
        var status = payment.State switch
        {
            GatewayPaymentState.Succeeded => PaymentStatus.Succeeded,
            GatewayPaymentState.Processing => PaymentStatus.Processing,
            GatewayPaymentState.RequiresAction => PaymentStatus.RequiresAction,
            GatewayPaymentState.Canceled => PaymentStatus.Canceled,
            // Off-session: a decline is final until the customer acts; authentication needed waits for them.
            GatewayPaymentState.RequiresPaymentMethod when payment.Failure?.Kind is PaymentFailureKind.AuthenticationRequired or PaymentFailureKind.AuthenticationFailed
                => PaymentStatus.RequiresAction,
            GatewayPaymentState.RequiresPaymentMethod when payment.Failure is not null => PaymentStatus.Failed,
            _ => PaymentStatus.Open,
        };
        return Apply(status, payment, now);
    }

    public void RecordRefund(int amountCents, DateTimeOffset now)
    {
        if (amountCents <= 0 || amountCents > RefundableCents) throw new InvalidOperationException("A refund cannot exceed what was paid and not yet refunded.");
        RefundedCents += amountCents;
        UpdatedAt = now;
    }

    /// <summary>A refund that failed at the provider gives its amount back to what can be refunded.</summary>
    public void RevertRefund(int amountCents, DateTimeOffset now)
    {
        RefundedCents = Math.Max(0, RefundedCents - amountCents);
        UpdatedAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (Status is PaymentStatus.Created or PaymentStatus.Open or PaymentStatus.RequiresAction)
        {
            Status = PaymentStatus.Canceled;
            CheckoutUrl = null;
            ActionUrl = null;
            UpdatedAt = now;
        }
    }

    private bool Apply(PaymentStatus status, GatewayPayment? payment, DateTimeOffset now)
    {
        // A payment that succeeded stays succeeded: older news (an event of an earlier attempt) cannot undo it.
        if (Status == PaymentStatus.Succeeded && status != PaymentStatus.Succeeded) return false;
        var before = (Status, PaymentIntentId, ChargeId, PaymentMethodId, ActionUrl, FailureCode);
        Status = status;
        if (payment is not null)
        {
            PaymentIntentId = payment.Id;
            ChargeId = payment.ChargeId ?? ChargeId;
            PaymentMethodId = payment.PaymentMethodId ?? PaymentMethodId;
            PaymentMethodLabel = payment.PaymentMethodLabel ?? PaymentMethodLabel;
            ActionUrl = status == PaymentStatus.RequiresAction ? payment.ActionUrl?.ToString() : null;
            (FailureKind, FailureCode) = status is PaymentStatus.Succeeded or PaymentStatus.Processing ? (null, null) : (payment.Failure?.Kind, payment.Failure?.Code);
        }
        var changed = before != (Status, PaymentIntentId, ChargeId, PaymentMethodId, ActionUrl, FailureCode);
        if (changed) UpdatedAt = now;
        return changed;
    }
}

/// <summary>The metadata keys our objects carry at the provider.</summary>
public static class PaymentMetadata
{
    public const string CityId = "city_id";
    public const string PaymentId = "payment_id";
    public const string BookingId = "booking_id";
    public const string RefundId = "refund_id";
}
