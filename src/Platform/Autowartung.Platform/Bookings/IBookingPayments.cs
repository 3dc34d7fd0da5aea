namespace Autowartung.Platform.Bookings;

/// <summary>
/// What a booking needs of its payment. Bookings owns this seam and Payments implements it, so Bookings
/// never knows how a booking is paid: Payments uses Bookings, never the other way round.
/// </summary>
public interface IBookingPayments
{
    /// <summary>What the customer paid at checkout and what was refunded of it; null while nothing is settled.</summary>
    Task<SettledAmount?> SettledAsync(Guid bookingId, CancellationToken cancellationToken);

    /// <summary>
    /// In the cancelling transaction, nothing sent yet: writes a refund of <paramref name="refundCents"/> of the
    /// settled checkout (none for 0), or calls off a checkout that is not settled.
    /// </summary>
    Task CancelAsync(Guid bookingId, int refundCents, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>After the cancellation committed: sends its refund, or closes its open checkout at the provider.</summary>
    Task AfterCancelAsync(Guid bookingId, CancellationToken cancellationToken);

    /// <summary>
    /// Before a lapsed hold expires: closes the checkout at the provider and takes over what it says, so a
    /// payment made at the last second confirms the booking. False when the provider could not be asked.
    /// </summary>
    Task<bool> CloseCheckoutAsync(Guid bookingId, CancellationToken cancellationToken);

    /// <summary>Whether every payment the booking asked for has gone through: nothing is left to pay.</summary>
    Task<bool> IsPaidUpAsync(Guid bookingId, CancellationToken cancellationToken);
}

public sealed record SettledAmount(int AmountCents, int RefundedCents)
{
    public int RefundableCents => AmountCents - RefundedCents;
}
