using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// A jockey gives back one of their tasks, with a reason (ill, car broken down): the task is theirs no
/// more, it will not come back to them, and another jockey is found at once. Audited. Runs in the city's
/// tenant scope.
/// </summary>
public sealed class DeclineTask(PlatformDbContext db, AssignJockeys assign, AuditLog audit, TimeProvider clock)
{
    /// <returns>Ok once given back; not found for a task that is not this jockey's; a conflict once it is done or cancelled.</returns>
    public async Task<Result> RunAsync(Guid taskId, Guid jockeyUserId, string? reason, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (reason?.Trim() is not { Length: >= 3 and <= 300 } why) return Result.Invalid("reason", "Bitte einen Grund angeben (3 bis 300 Zeichen).");
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var task = await db.JockeyTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.JockeyUserId == jockeyUserId, cancellationToken);
            if (task is null) return Result.NotFound();
            if (!task.Decline(jockeyUserId)) return Result.Conflict("Diese Aufgabe ist schon erledigt oder abgesagt.");
            var booking = await db.Bookings.SingleAsync(b => b.Id == task.BookingId, cancellationToken);
            if (task.Kind == JockeyTaskKind.Pickup) booking.ReleasePickup(now);
            else booking.ReleaseReturn(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Result.Conflict("Diese Aufgabe hat sich gerade geändert. Bitte neu laden.");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditAction.JockeyTaskDeclined, origin, jockeyUserId, cityId: db.CurrentTenantId, detail: $"task {taskId:N}: {why}", cancellationToken: cancellationToken);
        await assign.RunAsync(cancellationToken);
        return Result.Ok;
    }
}
