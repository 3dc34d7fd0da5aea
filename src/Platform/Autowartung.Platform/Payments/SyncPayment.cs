using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Asks the provider what became of a payment and lets the booking follow: paid → confirmed (once, with
/// the confirmation email in the outbox, in the same transaction); paid after the booking lapsed or was
/// cancelled → refunded in full; a debit that bounced → the booking is cancelled, its places freed and the
/// customer told. Every webhook and the return page end
/// here, so duplicates and events in any order converge on the provider's current word. Runs in the
/// city's tenant scope.
/// </summary>
public sealed class SyncPayment(
    PlatformDbContext db, IPaymentGateway gateway, SlotPlaces places, SettleRefund settleRefund, BookingConfirmation confirmation,
    BookingCancellationEmail cancellationEmail, TimeProvider clock)
{
    private const int MaxConflicts = 3;

    public async Task<Payment?> RunAsync(Guid paymentId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
            if (payment is null) return null;
            var now = clock.GetUtcNow();
            if (payment.CheckoutSessionId is { } checkoutId) payment.Observe(await gateway.GetCheckoutAsync(checkoutId, cancellationToken), now);
            else if (payment.PaymentIntentId is { } intentId) payment.Observe(await gateway.GetPaymentAsync(intentId, cancellationToken), now);
            else return payment;

            try
            {
                var effects = await ApplyAsync(payment, now, cancellationToken);
                await AfterCommitAsync(effects, cancellationToken);
                return payment;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConflicts)
            {
                // Another worker moved the payment or booking meanwhile; ask again from the start.
            }
        }
    }

    private sealed record Effects(Refund? Refund);

    private async Task<Effects> ApplyAsync(Payment payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Refund? refund = null;
        if (payment.Purpose == PaymentPurpose.Booking)
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == payment.BookingId, cancellationToken);
            if (payment.IsSettled && booking.Confirm(now))
            {
                await confirmation.AddAsync(booking, cancellationToken);
            }
            else if (payment.Status == PaymentStatus.Succeeded && booking.Status is BookingStatus.Expired or BookingStatus.Cancelled
                     && payment.RefundableCents > 0 && !await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id, cancellationToken))
            {
                // The money came after the booking ended (the hold lapsed, or it was cancelled while unpaid): all of it goes back.
                refund = Refund.Request(payment, payment.RefundableCents, "Zahlung nach Ende der Reservierung eingegangen", now);
                db.Refunds.Add(refund);
            }
            else if (payment.Status == PaymentStatus.Failed && booking.Status == BookingStatus.Confirmed
                     && booking.Cancel(now, CancelledBy.System, BouncedDebit))
            {
                await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
                await cancellationEmail.AddAsync(booking, CancelledBy.System, BouncedDebit, refundCents: 0, feeCents: 0, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Effects(refund);
    }

    private const string BouncedDebit = "Die Lastschrift wurde nicht eingelöst";

    private async Task AfterCommitAsync(Effects effects, CancellationToken cancellationToken)
    {
        if (effects.Refund is { } refund) await settleRefund.RunAsync(refund.Id, cancellationToken);
    }
}
