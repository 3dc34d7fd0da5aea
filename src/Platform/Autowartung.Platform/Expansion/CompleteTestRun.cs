using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Expansion;

/// <summary>
/// An admin confirms that a paid test booking went all the way: picked up, serviced, brought back. The
/// booking is then <c>Completed</c>, which the last expansion criterion asks for. Audited; runs in the
/// city's tenant scope.
/// </summary>
public sealed class CompleteTestRun(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    public enum Outcome { Completed, NotFound, NotAllowed, Invalid }

    public async Task<Outcome> RunAsync(Guid bookingId, string? note, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.IsTest, cancellationToken);
        if (booking is null) return Outcome.NotFound;
        if (note?.Trim() is not { Length: >= 3 and <= 300 }) return Outcome.Invalid;
        if (!booking.CompleteTestRun(clock.GetUtcNow(), note)) return Outcome.NotAllowed;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.NotAllowed;   // changed meanwhile (cancelled, say): the admin looks again
        }
        await audit.RecordAsync(AuditAction.TestRunCompleted, origin, actorUserId: adminId, detail: $"{booking.Id}: {note.Trim()}", cancellationToken: cancellationToken);
        return Outcome.Completed;
    }
}
