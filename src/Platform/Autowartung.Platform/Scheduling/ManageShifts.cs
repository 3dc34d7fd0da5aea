using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Scheduling;

/// <summary>
/// A jockey's own weekly shifts: only windows covered by a free jockey on shift can be booked. Shifts of
/// one jockey on one day never overlap: the look beforehand gives the usual answer, and the database's
/// exclusion constraint (<c>ex_jockey_shifts_no_overlap</c>) the same one to the second of two saves that race.
/// Runs in the city's tenant scope.
/// </summary>
public sealed class ManageShifts(PlatformDbContext db, IJockeyAvailability availability)
{
    public async Task<Result<JockeyShift>> AddAsync(Guid jockeyUserId, DayOfWeek day, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(day)) return Result.Invalid("day", "Bitte einen Wochentag wählen.");
        if (start is not { } from || end is not { } to || to <= from) return Result.Invalid("end", "Die Schicht muss nach ihrem Beginn enden.");
        if (await db.JockeyShifts.AnyAsync(s => s.JockeyUserId == jockeyUserId && s.Day == day && s.Start < to && s.End > from, cancellationToken))
            return Overlap;

        var shift = JockeyShift.Create(jockeyUserId, day, from, to);
        db.JockeyShifts.Add(shift);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            db.ChangeTracker.Clear();
            return Overlap;
        }
        return shift;
    }

    private static Failure Overlap => Result.Invalid("start", "Diese Schicht überschneidet sich mit einer anderen an diesem Tag.");

    /// <summary>Not found when the shift is not this jockey's. Tasks the shift covered go to other jockeys at once.</summary>
    public async Task<Result> RemoveAsync(Guid jockeyUserId, Guid shiftId, CancellationToken cancellationToken = default)
    {
        if (await db.JockeyShifts.Where(s => s.Id == shiftId && s.JockeyUserId == jockeyUserId).ExecuteDeleteAsync(cancellationToken) == 0)
            return Result.NotFound();
        await availability.ChangedAsync(jockeyUserId, cancellationToken);
        return Result.Ok;
    }
}
