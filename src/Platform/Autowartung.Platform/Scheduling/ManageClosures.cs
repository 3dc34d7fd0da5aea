using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Scheduling;

/// <summary>
/// A workshop's closure days, as its staff keep them: no pickups are offered on them. A day is closed
/// once; "today" is the city's. Runs in the city's tenant scope.
/// </summary>
public sealed class ManageClosures(PlatformDbContext db, TimeProvider clock)
{
    public const int ReasonMaxLength = 200;

    private const string AlreadyClosed = "An diesem Tag ist schon geschlossen.";

    public async Task<Result<WorkshopClosure>> AddAsync(Guid workshopId, DateOnly? date, string? reason, CancellationToken cancellationToken = default)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), city.TimeZone).DateTime);
        if (date is not { } day || day < today) return Result.Invalid("date", "Bitte ein Datum ab heute wählen.");
        if (reason?.Trim().Length > ReasonMaxLength) return Result.Invalid("reason", $"Der Grund hat höchstens {ReasonMaxLength} Zeichen.");
        if (await db.WorkshopClosures.AnyAsync(c => c.WorkshopId == workshopId && c.Date == day, cancellationToken)) return Result.Invalid("date", AlreadyClosed);

        var closure = WorkshopClosure.Create(workshopId, day, reason ?? "");
        db.WorkshopClosures.Add(closure);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Closed by a colleague a moment ago: the unique index decided.
            db.ChangeTracker.Clear();
            return Result.Invalid("date", AlreadyClosed);
        }
        return closure;
    }

    /// <summary>Not found when the closure is not this workshop's.</summary>
    public async Task<Result> RemoveAsync(Guid workshopId, Guid closureId, CancellationToken cancellationToken = default) =>
        await db.WorkshopClosures.Where(c => c.Id == closureId && c.WorkshopId == workshopId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Result.NotFound()
            : Result.Ok;
}
