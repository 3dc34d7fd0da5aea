using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The customer picks another free window for their car's return, from the link in the email. The new
/// window's places are taken and the old one's given back in one transaction (the database decides, as for
/// bookings), and a replacement car stays with the customer until then; the errand starts over there and the jockeys' job finds it a jockey and tells the customer.
/// Runs in the city's tenant scope.
/// </summary>
public sealed class ChooseReturnWindow(PlatformDbContext db, FindSlots findSlots, SlotPlaces places, CarLoans carLoans, TimeProvider clock)
{
    public const string Taken = "Dieses Zeitfenster ist leider nicht mehr frei. Bitte wählen Sie ein anderes.";

    /// <summary>The windows the car can come back in now; empty unless the return is planned and not under way.</summary>
    public async Task<IReadOnlyList<BookableSlot>> WindowsAsync(Guid bookingId, Guid customerUserId, CancellationToken cancellationToken = default)
    {
        if (await ReturnOfAsync(bookingId, customerUserId, cancellationToken) is not { } found) return [];
        var slots = await findSlots.ReturnWindowsAsync(found.Booking.WorkshopId, clock.GetUtcNow(), cancellationToken);
        return [.. slots.Where(s => s.StartUtc != found.Task.StartUtc)];
    }

    /// <returns>The errand in its new window; not found for a booking that is not the customer's or has no return planned; a conflict once the window is gone or the car is on its way.</returns>
    public async Task<Result<JockeyTask>> RunAsync(Guid bookingId, Guid customerUserId, string? slotId, CancellationToken cancellationToken = default)
    {
        if (!SlotId.TryParse(slotId, out var windowId, out var date)) return Result.Invalid("slotId", "Bitte ein Zeitfenster aus der Liste wählen.");
        if (await ReturnOfAsync(bookingId, customerUserId, cancellationToken) is not { } found) return Result.NotFound();
        var slot = (await findSlots.ReturnWindowsAsync(found.Booking.WorkshopId, clock.GetUtcNow(), cancellationToken)).SingleOrDefault(s => s.Id == slotId);
        if (slot is null) return Result.Conflict(Taken);
        var window = await db.PickupWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockBookingAsync(bookingId, cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        var task = await db.JockeyTasks.SingleAsync(t => t.Id == found.Task.Id, cancellationToken);
        var (oldWindow, oldDate) = (task.WindowId, task.Date);
        if (!booking.IsReturnPlanned || !task.Reschedule(window.Id, date, slot.Start, slot.End, slot.StartUtc, slot.EndUtc))
            return Result.Conflict("Die Rückgabe ist schon unterwegs und lässt sich nicht mehr verschieben.");
        if (!await places.TakeAsync(window, date, cancellationToken, countsAsBooking: false)) return Result.Conflict(Taken);
        await places.ReleaseAsync(oldWindow, oldDate, cancellationToken, countsAsBooking: false);
        booking.RescheduleReturn(now, slot.StartUtc);
        await carLoans.ExtendAsync(booking.Id, booking.Number, date, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return task;
    }

    private sealed record Found(Booking Booking, JockeyTask Task);

    private async Task<Found?> ReturnOfAsync(Guid bookingId, Guid customerUserId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId && b.CustomerUserId == customerUserId, cancellationToken);
        if (booking is null || !booking.IsReturnPlanned) return null;
        var task = await db.JockeyTasks.AsNoTracking()
            .SingleOrDefaultAsync(t => t.BookingId == bookingId && t.Kind == JockeyTaskKind.Return && (t.Status == JockeyTaskStatus.Unassigned || t.Status == JockeyTaskStatus.Assigned), cancellationToken);
        return task is null ? null : new Found(booking, task);
    }
}
