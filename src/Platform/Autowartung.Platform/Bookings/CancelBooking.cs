using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Calls a booking off before pickup: the customer from "Meine Buchungen" (free inside the city's window,
/// later the city's fee is kept) or staff with a reason (always free). The cancellation, the freed places
/// and the refund to send are one transaction; the refund goes to the provider afterwards with its own
/// idempotency key, so a second cancel (409) or a retry never pays out twice. A confirmed booking's customer
/// is told by email (with the calendar entry's cancellation), through the outbox in the same transaction.
/// Runs in the city's scope.
/// </summary>
public sealed partial class CancelBooking(
    PlatformDbContext db, SlotPlaces places, SettleRefund settleRefund, IPaymentGateway gateway, BookingCancellationEmail email,
    TimeProvider clock, ILogger<CancelBooking> logger)
{
    public enum Failure { None, NotFound, NotCancellable, Invalid }

    public sealed record Outcome(Failure Failure, Booking? Booking = null, int RefundCents = 0, int FeeCents = 0, Dictionary<string, string[]>? Errors = null);

    /// <summary>What cancelling now would cost and give back: shown before the customer confirms.</summary>
    public sealed record Terms(bool Cancellable, DateTimeOffset FreeUntil, int RefundCents, int FeeCents);

    /// <param name="customerUserId">Set when the customer cancels: only their own booking is found.</param>
    public async Task<Outcome> RunAsync(Guid bookingId, CancelledBy by, string? reason, Guid? customerUserId, CancellationToken cancellationToken = default)
    {
        if (by == CancelledBy.Staff && reason?.Trim() is not { Length: >= 3 and <= 300 })
            return new Outcome(Failure.Invalid, Errors: new() { ["reason"] = ["Bitte einen Grund angeben (3 bis 300 Zeichen)."] });

        var now = clock.GetUtcNow();
        Refund? refund;
        Payment? payment;
        Booking? booking;
        int fee;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && (customerUserId == null || b.CustomerUserId == customerUserId), cancellationToken);
            if (booking is null) return new Outcome(Failure.NotFound);
            payment = await db.Payments.SingleOrDefaultAsync(p => p.BookingId == booking.Id && p.Purpose == PaymentPurpose.Booking, cancellationToken);
            var policy = await PolicyAsync(cancellationToken);
            var wasConfirmed = booking.Status != BookingStatus.PendingPayment;   // only then did the customer get a confirmation to call off
            if (!booking.Cancel(now, by, reason)) return new Outcome(Failure.NotCancellable, booking);

            (refund, fee) = (null, 0);
            if (payment is { IsSettled: true })
            {
                fee = policy.FeeCents(booking.PickupStartUtc, payment.AmountCents, now, by);
                var amount = payment.AmountCents - payment.RefundedCents - fee;
                if (amount > 0)
                {
                    refund = Refund.Request(payment, amount, by == CancelledBy.Customer ? "Stornierung durch den Kunden" : $"Stornierung: {reason!.Trim()}", now);
                    db.Refunds.Add(refund);
                }
            }
            else
            {
                payment?.Cancel(now);
            }
            await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
            if (wasConfirmed) await email.AddAsync(booking, by, reason, refund?.AmountCents ?? 0, fee, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The same booking was cancelled (or paid) a moment ago by someone else: this attempt changes
                // nothing, and its email must not ride along with a later save of this context.
                db.ChangeTracker.Clear();
                return new Outcome(Failure.NotCancellable, booking);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        if (refund is not null) await settleRefund.RunAsync(refund.Id, cancellationToken);
        if (payment is { CheckoutSessionId: { } checkoutId, Status: PaymentStatus.Canceled }) await CloseCheckoutAsync(payment, checkoutId, cancellationToken);
        return new Outcome(Failure.None, booking, refund?.AmountCents ?? 0, fee);
    }

    public async Task<Terms> TermsAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(cancellationToken);
        var paid = await db.Payments.AsNoTracking()
            .Where(p => p.BookingId == booking.Id && p.Purpose == PaymentPurpose.Booking && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Processing))
            .Select(p => p.AmountCents - p.RefundedCents).SingleOrDefaultAsync(cancellationToken);
        var fee = policy.FeeCents(booking.PickupStartUtc, paid, clock.GetUtcNow(), CancelledBy.Customer);
        return new Terms(booking.IsCancellable, policy.FreeUntil(booking.PickupStartUtc), paid - fee, fee);
    }

    private async Task<CancellationPolicy> PolicyAsync(CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == db.CurrentTenantId, cancellationToken);
        return CancellationPolicy.For(city);
    }

    /// <summary>An unpaid booking's checkout is closed at the provider too, so nobody can pay for a cancelled booking.</summary>
    private async Task CloseCheckoutAsync(Payment payment, string checkoutId, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.ExpireCheckoutAsync(checkoutId, $"{payment.IdempotencyKey}-expire", cancellationToken);
        }
        catch (PaymentGatewayException exception)
        {
            // Should it be paid anyway, the payment's webhook finds the booking cancelled and refunds it in full.
            LogCheckoutNotClosed(logger, payment.Id, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout of payment {PaymentId} not closed: {Reason}")]
    private static partial void LogCheckoutNotClosed(ILogger logger, Guid paymentId, string reason);
}
