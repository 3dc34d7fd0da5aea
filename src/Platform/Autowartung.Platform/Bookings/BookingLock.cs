using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// One change of a booking at a time: inside a transaction, takes the booking's row lock before anything is
/// read, so a parallel change (a second cancel, a protocol and a step at once) waits and then reads what the
/// first one left. Runs in the city's tenant scope; a booking of another city is not locked (nor found later).
/// </summary>
public static class BookingLock
{
    public static Task LockBookingAsync(this PlatformDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE tenant_id = {db.CurrentTenantId} AND id = {bookingId} FOR UPDATE", cancellationToken);
}
