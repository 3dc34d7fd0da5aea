using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// A platform admin gives a task to a jockey of the city by hand, over the automatic choice: shifts and
/// earlier refusals do not bind a human, but a jockey busy with another task at that time is refused by the
/// database as always. The customer hears the new first name; the move is audited. Runs in the city's tenant scope.
/// </summary>
public sealed class MoveTask(PlatformDbContext db, AssignJockeys assign, AuditLog audit, TimeProvider clock)
{
    public const string Busy = "Dieser Fahrer hat zu der Zeit schon eine andere Aufgabe.";

    public async Task<Result> RunAsync(Guid taskId, Guid jockeyUserId, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!await db.Memberships.AnyAsync(m => m.UserId == jockeyUserId && m.Role == MembershipRole.Jockey && m.RevokedAt == null, cancellationToken))
            return Result.Invalid("jockeyUserId", "Bitte einen Fahrer dieser Stadt wählen.");
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var task = await db.JockeyTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
            if (task is null) return Result.NotFound();
            if (!task.IsOpen) return Result.Conflict("Diese Aufgabe ist schon erledigt oder abgesagt.");
            if (task.JockeyUserId == jockeyUserId) return Result.Ok;
            task.Release();
            try
            {
                if (!await assign.HandOverAsync(task, jockeyUserId, now, cancellationToken))
                    return Result.Conflict("Die Buchung dieser Aufgabe lässt keinen Fahrerwechsel mehr zu.");
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
            {
                return Result.Conflict(Busy);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict("Diese Aufgabe hat sich gerade geändert. Bitte neu laden.");
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        await audit.RecordAsync(AuditAction.JockeyTaskMoved, origin, jockeyUserId, actorUserId: adminId, cityId: db.CurrentTenantId,
            detail: $"task {taskId:N}", cancellationToken: cancellationToken);
        return Result.Ok;
    }
}
