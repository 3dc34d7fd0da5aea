using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Asks the provider what became of a payment and lets the booking follow: paid → confirmed (once, with
/// the confirmation email); paid after the booking lapsed or was cancelled → refunded in full; a debit
/// that bounced → the booking is cancelled and its places freed. Every webhook and the return page end
/// here, so duplicates and events in any order converge on the provider's current word. Runs in the
/// city's tenant scope.
/// </summary>
public sealed partial class SyncPayment(
    PlatformDbContext db, IPaymentGateway gateway, SlotPlaces places, SettleRefund settleRefund, BookingConfirmation confirmation,
    TimeProvider clock, ILogger<SyncPayment> logger)
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

    private sealed record Effects(Booking? Confirmed, Refund? Refund);

    private async Task<Effects> ApplyAsync(Payment payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Booking? confirmed = null;
        Refund? refund = null;
        if (payment.Purpose == PaymentPurpose.Booking)
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == payment.BookingId, cancellationToken);
            if (payment.IsSettled && booking.Confirm(now))
            {
                confirmed = booking;
            }
            else if (payment.Status == PaymentStatus.Succeeded && booking.Status is BookingStatus.Expired or BookingStatus.Cancelled
                     && payment.RefundableCents > 0 && !await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id, cancellationToken))
            {
                // The money came after the booking ended (the hold lapsed, or it was cancelled while unpaid): all of it goes back.
                refund = Refund.Request(payment, payment.RefundableCents, "Zahlung nach Ende der Reservierung eingegangen", now);
                db.Refunds.Add(refund);
            }
            else if (payment.Status == PaymentStatus.Failed && booking.Status == BookingStatus.Confirmed
                     && booking.Cancel(now, CancelledBy.System, "Die Lastschrift wurde nicht eingelöst"))
            {
                await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Effects(confirmed, refund);
    }

    private async Task AfterCommitAsync(Effects effects, CancellationToken cancellationToken)
    {
        if (effects.Refund is { } refund) await settleRefund.RunAsync(refund.Id, cancellationToken);
        if (effects.Confirmed is { } booking)
        {
            try
            {
                await confirmation.SendAsync(booking, cancellationToken);
            }
            catch (Exception exception) when (exception is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
            {
                // The booking stands; the page shows the confirmation and the calendar entry either way.
                LogConfirmationNotSent(logger, booking.Id, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Confirmation email of booking {BookingId} not sent ({Error})")]
    private static partial void LogConfirmationNotSent(ILogger logger, Guid bookingId, string error);
}
