using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Scheduling;

/// <summary>
/// A jockey's own weekly shifts: only windows covered by a free jockey on shift can be booked. Shifts of
/// one jockey on one day never overlap. Runs in the city's tenant scope.
/// </summary>
public sealed class ManageShifts(PlatformDbContext db)
{
    public async Task<Result<JockeyShift>> AddAsync(Guid jockeyUserId, DayOfWeek day, TimeOnly? start, TimeOnly? end, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(day)) return Result.Invalid("day", "Bitte einen Wochentag wählen.");
        if (start is not { } from || end is not { } to || to <= from) return Result.Invalid("end", "Die Schicht muss nach ihrem Beginn enden.");
        if (await db.JockeyShifts.AnyAsync(s => s.JockeyUserId == jockeyUserId && s.Day == day && s.Start < to && s.End > from, cancellationToken))
            return Result.Invalid("start", "Diese Schicht überschneidet sich mit einer anderen an diesem Tag.");

        var shift = JockeyShift.Create(jockeyUserId, day, from, to);
        db.JockeyShifts.Add(shift);
        await db.SaveChangesAsync(cancellationToken);
        return shift;
    }

    /// <summary>Not found when the shift is not this jockey's.</summary>
    public async Task<Result> RemoveAsync(Guid jockeyUserId, Guid shiftId, CancellationToken cancellationToken = default) =>
        await db.JockeyShifts.Where(s => s.Id == shiftId && s.JockeyUserId == jockeyUserId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Result.NotFound()
            : Result.Ok;
}
