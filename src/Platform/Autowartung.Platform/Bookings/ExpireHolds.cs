using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Lets lapsed payment holds expire and gives their places back, city by city, each booking in its own
/// transaction. The checkout is closed at the provider first, so nobody pays for a lapsed booking; one
/// that was paid at the last second is synced and confirmed instead. When the provider cannot be
/// reached, the booking waits for the next run rather than lapse with a payment possibly under way.
/// The row version decides between this job and a payment arriving at the same moment. Runs outside
/// any request; opens a tenant scope per city.
/// </summary>
public sealed class ExpireHolds(
    PlatformDbContext db, SlotPlaces places, CarLoans carLoans, IBookingPayments payments, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public async Task<int> RunAsync(int batchSize = 200, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Across cities on purpose: this job serves them all; each booking is then handled in its own city.
        var due = await db.Bookings.AcrossTenants().AsNoTracking()
            .Where(b => b.Status == BookingStatus.PendingPayment && b.HoldExpiresAt <= now)
            .OrderBy(b => b.HoldExpiresAt).Take(batchSize)
            .Select(b => new { b.Id, CityId = EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty) })
            .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var city in due.GroupBy(b => b.CityId))
        {
            var tenant = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Key, cancellationToken);
            using var scope = tenancy.BeginScope(tenant.ToTenantInfo());
            foreach (var item in city)
                if (await payments.CloseCheckoutAsync(item.Id, cancellationToken) && await ExpireOneAsync(item.Id, now, cancellationToken)) expired++;
        }
        return expired;
    }

    private async Task<bool> ExpireOneAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        if (!booking.Expire(now)) return false;
        await carLoans.ReleaseAsync(booking.Id, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
