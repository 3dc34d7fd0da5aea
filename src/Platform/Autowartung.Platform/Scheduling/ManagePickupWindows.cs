using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Scheduling;

/// <summary>
/// A workshop's weekly pickup windows, as its staff and the platform's admins keep them. A window that was
/// ever booked is closed by capacity 0, never deleted. Runs in the city's tenant scope.
/// </summary>
public sealed class ManagePickupWindows(PlatformDbContext db)
{
    public const int MaxCapacity = 50;

    public async Task<Result<PickupWindow>> AddAsync(
        Guid workshopId, DayOfWeek day, TimeOnly? start, TimeOnly? end, int? capacity, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(day)) errors["day"] = ["Bitte einen Wochentag wählen."];
        if (start is null || end is null || end <= start) errors["end"] = ["Das Fenster muss nach seinem Beginn enden."];
        if (capacity is not (>= 1 and <= MaxCapacity)) errors["capacity"] = [$"Bitte 1 bis {MaxCapacity} Fahrzeuge angeben."];
        if (errors.Count == 0 && await db.PickupWindows.AnyAsync(w => w.WorkshopId == workshopId && w.Day == day && w.Start == start, cancellationToken))
            errors["start"] = ["Zu dieser Zeit gibt es an diesem Tag schon ein Fenster."];
        if (errors.Count > 0) return Result.Invalid(errors);

        var window = PickupWindow.Create(workshopId, day, start!.Value, end!.Value, capacity!.Value);
        db.PickupWindows.Add(window);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Result.Invalid("start", "Zu dieser Zeit gibt es an diesem Tag schon ein Fenster.");
        }
        return window;
    }

    /// <summary>Places already taken stay taken; only new bookings see the change. Not found when the window is not the workshop's.</summary>
    public async Task<Result> ChangeCapacityAsync(Guid workshopId, Guid windowId, int? capacity, CancellationToken cancellationToken = default)
    {
        var window = await db.PickupWindows.SingleOrDefaultAsync(w => w.Id == windowId && w.WorkshopId == workshopId, cancellationToken);
        if (window is null) return Result.NotFound();
        if (capacity is not (>= 0 and <= MaxCapacity)) return Result.Invalid("capacity", $"Bitte 0 bis {MaxCapacity} Fahrzeuge angeben (0 schließt das Fenster).");
        window.ChangeCapacity(capacity.Value);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
