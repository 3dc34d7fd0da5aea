using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Expansion;

/// <summary>
/// An admin confirms that a paid test booking went all the way: picked up, serviced, brought back. The
/// booking is then <c>Completed</c>, which the last expansion criterion asks for, and what was paid for the
/// dry run goes back in full: the completion and the refund row are one transaction, the refund goes to the
/// provider afterwards with its own key (the refund job retries it). Audited; runs in the city's tenant scope.
/// </summary>
public sealed class CompleteTestRun(PlatformDbContext db, SettleRefund settleRefund, AuditLog audit, TimeProvider clock)
{
    public async Task<Result> RunAsync(Guid bookingId, string? note, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.IsTest, cancellationToken);
        if (booking is null) return Result.NotFound();
        if (note?.Trim() is not { Length: >= 3 and <= 300 }) return Result.Invalid("testNote", "Bitte kurz festhalten, wie der Testlauf verlief (3 bis 300 Zeichen).");
        var now = clock.GetUtcNow();
        if (!booking.CompleteTestRun(now, note)) return NotAllowed;

        var payment = await db.Payments.CheckoutOf(booking.Id).SingleOrDefaultAsync(cancellationToken);
        var refund = payment is { RefundableCents: > 0 } ? Refund.Request(payment, payment.RefundableCents, "Testlauf abgeschlossen: Testbuchung erstattet", now) : null;
        if (refund is not null) db.Refunds.Add(refund);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return NotAllowed;   // changed meanwhile (cancelled, say): the admin looks again
        }
        if (refund is not null) await settleRefund.RunAsync(refund.Id, cancellationToken);
        await audit.RecordAsync(AuditAction.TestRunCompleted, origin, actorUserId: adminId, detail: $"{booking.Id}: {note.Trim()}", cancellationToken: cancellationToken);
        return Result.Ok;
    }

    private static Failure NotAllowed => Result.Conflict("Diese Testbuchung ist nicht bezahlt oder schon abgeschlossen.");
}
