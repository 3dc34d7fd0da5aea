using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The job's round: a car still out after the last day its loan holds stays with the customer, so its
/// loan is extended to today (city time), and a clash with the next reservation is flagged. Each city is
/// handled in its own tenant scope. Runs outside any request.
/// </summary>
public sealed class ExtendCarLoans(PlatformDbContext db, CarLoans loans, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // A day's slack across time zones: each city's own today decides below.
        var horizon = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        // Across cities on purpose: this job serves them all.
        var overdue = await db.CarLoans.AcrossTenants().AsNoTracking()
            .Where(l => l.Status == CarLoanStatus.Out && l.LastDay < horizon)
            .Select(l => new { l.BookingId, l.LastDay, CityId = EF.Property<Guid>(l, MultiTenantModel.TenantIdProperty) })
            .ToListAsync(cancellationToken);

        var extended = 0;
        foreach (var city in overdue.GroupBy(l => l.CityId))
        {
            var tenant = (await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Key, cancellationToken)).ToTenantInfo();
            using var scope = tenancy.BeginScope(tenant);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, tenant.TimeZone).DateTime);
            foreach (var loan in city.Where(l => l.LastDay < today))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var number = Bookings.Booking.NumberFor(loan.BookingId);
                await loans.ExtendAsync(loan.BookingId, number, today, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                extended++;
            }
        }
        return extended;
    }
}
