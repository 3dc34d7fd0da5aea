using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autowartung.Platform.Payments;

/// <summary>A booking's checkout payment, as <see cref="IBookingPayments"/> gives it to Bookings. Runs in the booking's city.</summary>
public sealed partial class BookingPayments(
    PlatformDbContext db, SettleRefund settleRefund, SyncPayment syncPayment, IPaymentGateway gateway, ILogger<BookingPayments> logger) : IBookingPayments
{
    public async Task<SettledAmount?> SettledAsync(Guid bookingId, CancellationToken cancellationToken) =>
        await db.Payments.AsNoTracking().CheckoutOf(bookingId)
            .Where(p => p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Processing)
            .Select(p => new SettledAmount(p.AmountCents, p.RefundedCents))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<bool> IsPaidUpAsync(Guid bookingId, CancellationToken cancellationToken) =>
        !await db.Payments.AsNoTracking().AnyAsync(p => p.BookingId == bookingId && p.Status != PaymentStatus.Succeeded && p.Status != PaymentStatus.Canceled, cancellationToken);

    public async Task CancelAsync(Guid bookingId, int refundCents, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.CheckoutOf(bookingId).SingleOrDefaultAsync(cancellationToken);
        if (payment is null) return;
        if (!payment.IsSettled) payment.Cancel(now);
        else if (refundCents > 0) db.Refunds.Add(Refund.Request(payment, refundCents, reason, now));
    }

    public async Task AfterCancelAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var unsent = await db.Refunds.AsNoTracking()
            .Where(r => r.BookingId == bookingId && r.Status == RefundStatus.Requested && r.ProviderRefundId == null)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var refundId in unsent) await settleRefund.RunAsync(refundId, cancellationToken);

        var closed = await db.Payments.AsNoTracking().CheckoutOf(bookingId)
            .Where(p => p.Status == PaymentStatus.Canceled && p.CheckoutSessionId != null)
            .Select(p => new { p.Id, p.IdempotencyKey, p.CheckoutSessionId }).SingleOrDefaultAsync(cancellationToken);
        if (closed is null) return;
        try
        {
            // Nobody can pay for a cancelled booking; should it be paid anyway, its webhook finds it cancelled and refunds it in full.
            await gateway.ExpireCheckoutAsync(closed.CheckoutSessionId!, $"{closed.IdempotencyKey}-expire", cancellationToken);
        }
        catch (PaymentGatewayException exception)
        {
            LogCheckoutNotClosed(logger, closed.Id, exception.Message);
        }
    }

    public async Task<bool> CloseCheckoutAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().CheckoutOf(bookingId)
            .Where(p => p.CheckoutSessionId != null)
            .Select(p => new { p.Id, p.IdempotencyKey, p.CheckoutSessionId }).SingleOrDefaultAsync(cancellationToken);
        if (payment is null) return true;
        try
        {
            await gateway.ExpireCheckoutAsync(payment.CheckoutSessionId!, $"{payment.IdempotencyKey}-expire", cancellationToken);
            await syncPayment.RunAsync(payment.Id, cancellationToken);
            return true;
        }
        catch (PaymentGatewayException exception)
        {
            LogProviderUnavailable(logger, bookingId, exception.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout of payment {PaymentId} not closed: {Reason}")]
    private static partial void LogCheckoutNotClosed(ILogger logger, Guid paymentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold of booking {BookingId} kept for now: the payment provider could not be asked ({Reason})")]
    private static partial void LogProviderUnavailable(ILogger logger, Guid bookingId, string reason);
}
