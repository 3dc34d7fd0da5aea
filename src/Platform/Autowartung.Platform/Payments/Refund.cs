namespace Autowartung.Platform.Payments;

public enum RefundStatus
{
    /// <summary>Decided and written; not yet accepted by the provider (it is sent again until it is).</summary>
    Requested,

    /// <summary>Accepted by the provider, money on its way back (a SEPA refund).</summary>
    Pending,

    Succeeded,

    Failed,
}

/// <summary>
/// One refund of the payments ledger (tenant-owned). Written in the same transaction as the decision
/// that causes it (a cancellation), with its idempotency key, and sent to the provider afterwards, so a
/// crash in between leaves a refund that is sent once, later, rather than none or two.
/// </summary>
public sealed class Refund
{
    private Refund() { }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public Guid BookingId { get; private set; }

    public int AmountCents { get; private set; }

    /// <summary>Why, in words the customer and the admins read.</summary>
    public string Reason { get; private set; } = "";

    public RefundStatus Status { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public string? ProviderRefundId { get; private set; }

    public string? FailureReason { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Reserves the amount on the payment at once, so two decisions can never refund more than was paid.</summary>
    public static Refund Request(Payment payment, int amountCents, string reason, DateTimeOffset now)
    {
        payment.RecordRefund(amountCents, now);
        var id = Guid.CreateVersion7(now);
        return new Refund
        {
            Id = id,
            PaymentId = payment.Id,
            BookingId = payment.BookingId,
            AmountCents = amountCents,
            Reason = reason,
            Status = RefundStatus.Requested,
            IdempotencyKey = $"refund-{id:N}",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public IReadOnlyDictionary<string, string> Metadata(Guid cityId) => new Dictionary<string, string>
    {
        [PaymentMetadata.CityId] = cityId.ToString(),
        [PaymentMetadata.PaymentId] = PaymentId.ToString(),
        [PaymentMetadata.BookingId] = BookingId.ToString(),
        [PaymentMetadata.RefundId] = Id.ToString(),
    };

    public void Attempted(DateTimeOffset now)
    {
        Attempts++;
        UpdatedAt = now;
    }

    /// <summary>Takes over the provider's word. Returns true when the refund failed just now (the amount goes back to the payment).</summary>
    public bool Observe(GatewayRefund refund, DateTimeOffset now)
    {
        var wasFailed = Status == RefundStatus.Failed;
        ProviderRefundId = refund.Id;
        Status = refund.State switch
        {
            GatewayRefundState.Succeeded => RefundStatus.Succeeded,
            GatewayRefundState.Failed or GatewayRefundState.Canceled => RefundStatus.Failed,
            _ => RefundStatus.Pending,
        };
        FailureReason = refund.FailureReason;
        UpdatedAt = now;
        return !wasFailed && Status == RefundStatus.Failed;
    }
}
