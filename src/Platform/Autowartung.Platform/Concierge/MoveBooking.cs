using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The car's steps between the two protocols: the pickup's jockey hands it to the workshop
/// (<see cref="BookingStatus.AtWorkshop"/>), the workshop's staff start on it and finish it
/// (<see cref="BookingStatus.InService"/>, <see cref="BookingStatus.ReadyForReturn"/>; admins may stand in).
/// Each move is audited and allowed only from the step before; the booking's row lock keeps two moves
/// from racing. A car ready for return gets its return errand from the jockeys' job. Runs in the city's scope.
/// </summary>
public sealed class MoveBooking(PlatformDbContext db, BookingParties parties, AuditLog audit, TimeProvider clock)
{
    public static readonly BookingStatus[] Targets = [BookingStatus.AtWorkshop, BookingStatus.InService, BookingStatus.ReadyForReturn];

    /// <returns>The booking after the move; not found for anyone without the right to make it; a conflict from the wrong step.</returns>
    public async Task<Result<Booking>> RunAsync(Guid bookingId, string? to, Caller caller, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!Enum.TryParse<BookingStatus>(to, ignoreCase: false, out var target) || !Targets.Contains(target))
            return Result.Invalid("to", $"Bitte einen dieser Schritte angeben: {string.Join(", ", Targets)}.");
        var now = clock.GetUtcNow();
        BookingStatus from;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockBookingAsync(bookingId, cancellationToken);
            var found = await parties.FindAsync(bookingId, caller, track: true, cancellationToken);
            if (found is null || !await MayAsync(found, target, caller, cancellationToken)) return Result.NotFound();
            var booking = found.Booking;
            from = booking.Status;
            var moved = target switch
            {
                BookingStatus.AtWorkshop => booking.ArriveAtWorkshop(now),
                BookingStatus.InService => booking.StartService(now),
                _ => booking.FinishService(now),
            };
            if (!moved) return Result.Conflict($"Von „{StatusText.German(booking.Status)}“ geht es nicht zu „{StatusText.German(target)}“.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditAction.BookingMoved, origin, caller.UserId, cityId: db.CurrentTenantId,
            detail: $"booking {bookingId:N}: {from} -> {target}", cancellationToken: cancellationToken);
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, cancellationToken);
    }

    /// <summary>The handover at the workshop is the pickup jockey's; the workshop's steps are its staff's. Admins may make any.</summary>
    private async Task<bool> MayAsync(BookingParties.Found found, BookingStatus target, Caller caller, CancellationToken cancellationToken)
    {
        if (found.Is(Party.Admin)) return true;
        if (target != BookingStatus.AtWorkshop) return found.Is(Party.Workshop);
        return found.Is(Party.Jockey) && await db.JockeyTasks.AnyAsync(
            t => t.BookingId == found.Booking.Id && t.Kind == JockeyTaskKind.Pickup && t.JockeyUserId == caller.UserId, cancellationToken);
    }
}
