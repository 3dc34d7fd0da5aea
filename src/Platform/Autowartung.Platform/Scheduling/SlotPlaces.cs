using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Scheduling;

/// <summary>
/// Takes and gives back the places a booking holds: one in its slot, one jockey for its window, one
/// of the pilot's daily cap. Each step is a single conditional UPDATE, so the database decides; call
/// inside the booking's transaction so all three move together. Runs in the city's tenant scope.
/// </summary>
public sealed class SlotPlaces(PlatformDbContext db)
{
    /// <summary>Takes a place in each counter, or returns false when any is full (roll the transaction back then).</summary>
    /// <param name="countsAsBooking">False for a car's return: it takes a slot and a jockey, but is no booking under the pilot's daily cap.</param>
    public async Task<bool> TakeAsync(PickupWindow window, DateOnly date, CancellationToken cancellationToken, bool countsAsBooking = true)
    {
        var tenant = db.CurrentTenantId;
        var city = await db.Cities.AsNoTracking().Where(c => c.Id == tenant).Select(c => new { c.Status, c.PilotDailyBookingCap }).SingleAsync(cancellationToken);
        var jockeys = await db.JockeyShifts.CountAsync(s => s.Day == date.DayOfWeek && s.Start <= window.Start && s.End >= window.End, cancellationToken);

        await db.Database.ExecuteSqlAsync($"INSERT INTO slot_counters (tenant_id, window_id, date, taken) VALUES ({tenant}, {window.Id}, {date}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO jockey_counters (tenant_id, date, start, \"end\", taken) VALUES ({tenant}, {date}, {window.Start}, {window.End}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO city_day_counters (tenant_id, date, taken) VALUES ({tenant}, {date}, 0) ON CONFLICT DO NOTHING", cancellationToken);

        if (await db.SlotCounters.Where(c => c.WindowId == window.Id && c.Date == date && c.Taken < window.Capacity)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken + 1), cancellationToken) == 0) return false;
        if (await db.JockeyCounters.Where(c => c.Date == date && c.Start == window.Start && c.End == window.End && c.Taken < jockeys)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken + 1), cancellationToken) == 0) return false;
        if (!countsAsBooking) return true;
        var cap = city.Status == CityStatus.Pilot ? city.PilotDailyBookingCap : int.MaxValue;
        return await db.CityDayCounters.Where(c => c.Date == date && c.Taken < cap)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken + 1), cancellationToken) == 1;
    }

    /// <summary>Gives the three places back (a lapsed hold, a cancellation).</summary>
    public async Task ReleaseAsync(Guid windowId, DateOnly date, CancellationToken cancellationToken, bool countsAsBooking = true)
    {
        var window = await db.PickupWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        await db.SlotCounters.Where(c => c.WindowId == windowId && c.Date == date && c.Taken > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken - 1), cancellationToken);
        await db.JockeyCounters.Where(c => c.Date == date && c.Start == window.Start && c.End == window.End && c.Taken > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken - 1), cancellationToken);
        if (!countsAsBooking) return;
        await db.CityDayCounters.Where(c => c.Date == date && c.Taken > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Taken, c => c.Taken - 1), cancellationToken);
    }
}
