using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>How a person stands to a booking; one may be several (an admin who booked for themselves).</summary>
[Flags]
public enum Party
{
    None = 0,
    Customer = 1,

    /// <summary>A jockey with one of the booking's errands, open or done.</summary>
    Jockey = 2,

    /// <summary>Staff of the booking's workshop.</summary>
    Workshop = 4,

    /// <summary>A platform admin, signed in with a second factor.</summary>
    Admin = 8,
}

/// <summary>Who asks: the person, whether they are an admin (second factor included), and their workshop in this city.</summary>
public sealed record Caller(Guid UserId, bool IsAdmin, Guid? WorkshopId);

/// <summary>
/// The booking's parties: its customer, its jockeys, its workshop's staff and the platform's admins. Every
/// read and write of a booking's protocols, photos and steps asks here first; anyone else gets nothing, the
/// same as for a booking that does not exist (the caller answers 404). Runs in the city's tenant scope, so a
/// booking of another city is not found either.
/// </summary>
public sealed class BookingParties(PlatformDbContext db)
{
    public sealed record Found(Booking Booking, Party Parts)
    {
        public bool Is(Party party) => (Parts & party) != 0;
    }

    /// <param name="track">Whether the booking is read to be changed (tracked) or only to be shown.</param>
    public async Task<Found?> FindAsync(Guid bookingId, Caller caller, bool track = false, CancellationToken cancellationToken = default)
    {
        var bookings = track ? db.Bookings : db.Bookings.AsNoTracking();
        var booking = await bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null) return null;
        var parts = Party.None;
        if (booking.CustomerUserId == caller.UserId) parts |= Party.Customer;
        if (caller.WorkshopId is { } workshop && booking.WorkshopId == workshop) parts |= Party.Workshop;
        if (caller.IsAdmin) parts |= Party.Admin;
        if (await db.JockeyTasks.AnyAsync(t => t.BookingId == bookingId && t.JockeyUserId == caller.UserId
                                               && (t.Status == JockeyTaskStatus.Assigned || t.Status == JockeyTaskStatus.Done), cancellationToken))
            parts |= Party.Jockey;
        return parts == Party.None ? null : new Found(booking, parts);
    }
}
