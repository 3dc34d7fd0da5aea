using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Scheduling;

public sealed class SchedulingOptions
{
    /// <summary>How far ahead a pickup must be, at least.</summary>
    public TimeSpan MinimumLeadTime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How many days ahead slots are offered.</summary>
    public int HorizonDays { get; set; } = 14;
}

/// <summary>A slot that can be booked, with the places left.</summary>
public sealed record BookableSlot(string Id, DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartUtc, DateTimeOffset EndUtc, int Remaining);

/// <summary>
/// The slots of a workshop that can still be booked: far enough ahead, not on a closure day, with a
/// place left at the workshop, a jockey on shift and free, and room under the city's daily cap while it
/// is in its pilot. Runs in the city's tenant scope.
/// </summary>
public sealed class FindSlots(PlatformDbContext db, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private sealed record CityTerms(CityStatus Status, int PilotDailyBookingCap, string TimeZoneId);

    /// <summary>What customers can book now: nothing while the city is paused.</summary>
    public async Task<IReadOnlyList<BookableSlot>> RunAsync(Guid workshopId, CancellationToken cancellationToken = default)
    {
        var city = await CityAsync(cancellationToken);
        return city.Status is CityStatus.Paused ? [] : await OpenCapacityAsync(workshopId, city, cancellationToken);
    }

    /// <summary>
    /// The windows with places left as the workshop, jockeys and the pilot's cap have them, pause or not: what
    /// the city could offer. The expansion criteria ask this, so a paused city can show it is ready again.
    /// </summary>
    public async Task<IReadOnlyList<BookableSlot>> CapacityAsync(Guid workshopId, CancellationToken cancellationToken = default) =>
        await OpenCapacityAsync(workshopId, await CityAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The windows a car can come back in, from <paramref name="fromUtc"/> on: the same calendar, places and
    /// jockeys as pickups, but no lead time (the car is ready), no pilot cap (that counts bookings) and no pause
    /// (a paused city still brings every car back).
    /// </summary>
    public async Task<IReadOnlyList<BookableSlot>> ReturnWindowsAsync(Guid workshopId, DateTimeOffset fromUtc, CancellationToken cancellationToken = default)
    {
        var city = await CityAsync(cancellationToken);
        return await OpenCapacityAsync(workshopId, city, cancellationToken, earliestUtc: fromUtc, pilotCap: false);
    }

    private Task<CityTerms> CityAsync(CancellationToken cancellationToken) =>
        db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId)
            .Select(c => new CityTerms(c.Status, c.PilotDailyBookingCap, c.TimeZoneId)).SingleAsync(cancellationToken);

    private async Task<IReadOnlyList<BookableSlot>> OpenCapacityAsync(
        Guid workshopId, CityTerms city, CancellationToken cancellationToken, DateTimeOffset? earliestUtc = null, bool pilotCap = true)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(city.TimeZoneId);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var until = today.AddDays(options.Value.HorizonDays);

        // Each open window with the jockeys whose shift covers it, counted by the database (a city may have hundreds).
        var windowsWithJockeys = await db.PickupWindows.AsNoTracking().Where(w => w.WorkshopId == workshopId && w.Capacity > 0)
            .Select(w => new { Window = w, Jockeys = db.JockeyShifts.Count(s => s.Day == w.Day && s.Start <= w.Start && s.End >= w.End) })
            .ToListAsync(cancellationToken);
        var windows = windowsWithJockeys.Select(x => x.Window).ToList();
        var jockeysOnShift = windowsWithJockeys.ToDictionary(x => x.Window.Id, x => x.Jockeys);
        var closed = (await db.WorkshopClosures.AsNoTracking()
            .Where(c => c.WorkshopId == workshopId && c.Date >= today && c.Date < until).Select(c => c.Date).ToListAsync(cancellationToken)).ToHashSet();
        var windowIds = windows.Select(w => w.Id).ToList();
        var taken = await db.SlotCounters.AsNoTracking().Where(c => windowIds.Contains(c.WindowId) && c.Date >= today && c.Date < until)
            .ToDictionaryAsync(c => (c.WindowId, c.Date), c => c.Taken, cancellationToken);
        var jockeysTaken = await db.JockeyCounters.AsNoTracking().Where(c => c.Date >= today && c.Date < until)
            .ToDictionaryAsync(c => (c.Date, c.Start, c.End), c => c.Taken, cancellationToken);
        var dayTaken = await db.CityDayCounters.AsNoTracking().Where(c => c.Date >= today && c.Date < until)
            .ToDictionaryAsync(c => c.Date, c => c.Taken, cancellationToken);
        var capacity = windows.ToDictionary(w => w.Id, w => w.Capacity);

        var earliest = earliestUtc ?? now + options.Value.MinimumLeadTime;
        return SlotCalendar.Slots(windows, closed, today, options.Value.HorizonDays, zone)
            .Where(slot => slot.StartUtc >= earliest)
            .Select(slot =>
            {
                var workshopLeft = capacity[slot.WindowId] - taken.GetValueOrDefault((slot.WindowId, slot.Date));
                var jockeysLeft = jockeysOnShift.GetValueOrDefault(slot.WindowId) - jockeysTaken.GetValueOrDefault((slot.Date, slot.Start, slot.End));
                var capLeft = pilotCap && city.Status == CityStatus.Pilot ? city.PilotDailyBookingCap - dayTaken.GetValueOrDefault(slot.Date) : int.MaxValue;
                return new BookableSlot(slot.Id, slot.Date, slot.Start, slot.End, slot.StartUtc, slot.EndUtc, Math.Min(workshopLeft, Math.Min(jockeysLeft, capLeft)));
            })
            .Where(slot => slot.Remaining > 0)
            .ToList();
    }
}
