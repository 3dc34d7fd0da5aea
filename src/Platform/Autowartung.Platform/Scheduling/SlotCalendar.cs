namespace Autowartung.Platform.Scheduling;

/// <summary>A window on a date, with its instants in UTC.</summary>
public sealed record SlotTime(Guid WindowId, Guid WorkshopId, DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    /// <summary>The slot's public id: the window and the date, e.g. <c>0190…_20261124</c>.</summary>
    public string Id => SlotId.Format(WindowId, Date);
}

public static class SlotId
{
    public static string Format(Guid windowId, DateOnly date) => $"{windowId:N}_{date:yyyyMMdd}";

    public static bool TryParse(string? id, out Guid windowId, out DateOnly date)
    {
        windowId = Guid.Empty;
        date = default;
        var parts = id?.Split('_');
        return parts is [var window, var day]
            && Guid.TryParseExact(window, "N", out windowId)
            && DateOnly.TryParseExact(day, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
    }
}

/// <summary>
/// Lays weekly windows onto dates in the city's time zone. Windows are local time, so a 07:00 window is
/// at 07:00 on both sides of a daylight-saving change; its UTC instant moves instead.
/// </summary>
public static class SlotCalendar
{
    public static IEnumerable<SlotTime> Slots(
        IEnumerable<PickupWindow> windows, IReadOnlySet<DateOnly> closedDays, DateOnly from, int days, TimeZoneInfo zone)
    {
        var byDay = windows.ToLookup(w => w.Day);
        for (var date = from; date < from.AddDays(days); date = date.AddDays(1))
        {
            if (closedDays.Contains(date)) continue;
            foreach (var window in byDay[date.DayOfWeek].OrderBy(w => w.Start))
                yield return new SlotTime(window.Id, window.WorkshopId, date, window.Start, window.End,
                    ToUtc(date, window.Start, zone), ToUtc(date, window.End, zone));
        }
    }

    /// <summary>
    /// Local wall-clock time to UTC. A time that does not exist (skipped when clocks go forward) moves
    /// forward by the gap; a time that exists twice (when clocks go back) is taken at its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
