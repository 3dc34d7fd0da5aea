using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The job's round: every city with something to plan or staff (a confirmed booking without its task, an
/// unassigned task, an open task of a booking that ended) gets its <see cref="AssignJockeys"/> run, in its
/// own tenant scope. Runs outside any request.
/// </summary>
public sealed class AssignJockeysEverywhere(PlatformDbContext db, AssignJockeys assign, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public async Task<AssignJockeys.Run> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var ended = new[] { BookingStatus.Cancelled, BookingStatus.Expired };
        // Across cities on purpose: this job serves them all; each is then handled in its own city.
        var unplanned = db.Bookings.AcrossTenants()
            .Where(b => b.Status == BookingStatus.Confirmed && b.PickupStartUtc > now
                        && !db.JockeyTasks.AcrossTenants().Any(t => t.BookingId == b.Id && t.Kind == JockeyTaskKind.Pickup))
            .Select(b => EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty));
        var waiting = db.JockeyTasks.AcrossTenants()
            .Where(t => (t.Status == JockeyTaskStatus.Unassigned && t.StartUtc > now)
                        || ((t.Status == JockeyTaskStatus.Unassigned || t.Status == JockeyTaskStatus.Assigned)
                            && db.Bookings.AcrossTenants().Any(b => b.Id == t.BookingId && ended.Contains(b.Status))))
            .Select(t => EF.Property<Guid>(t, MultiTenantModel.TenantIdProperty));
        var ready = db.Bookings.AcrossTenants()
            .Where(b => b.Status == BookingStatus.ReadyForReturn
                        && !db.JockeyTasks.AcrossTenants().Any(t => t.BookingId == b.Id && t.Kind == JockeyTaskKind.Return))
            .Select(b => EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty));
        var cityIds = await unplanned.Union(waiting).Union(ready).Distinct().ToListAsync(cancellationToken);

        var total = new AssignJockeys.Run(0, 0, 0, 0);
        foreach (var cityId in cityIds)
        {
            var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == cityId, cancellationToken);
            using var scope = tenancy.BeginScope(city.ToTenantInfo());
            var run = await assign.RunAsync(cancellationToken);
            total = new(total.Planned + run.Planned, total.Released + run.Released, total.Assigned + run.Assigned, total.Unstaffed + run.Unstaffed);
        }
        return total;
    }
}
