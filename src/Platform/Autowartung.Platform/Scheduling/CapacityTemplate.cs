namespace Autowartung.Platform.Scheduling;

/// <summary>The weekly pickup windows a new partner workshop starts with; the workshop changes them from there.</summary>
public static class CapacityTemplate
{
    /// <summary>Weekdays 07:00–09:00 (three cars) and 16:00–18:00 (two), Saturdays 08:00–10:00 (two).</summary>
    public static IEnumerable<PickupWindow> Standard(Guid workshopId)
    {
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            yield return PickupWindow.Create(workshopId, day, new TimeOnly(7, 0), new TimeOnly(9, 0), 3);
            yield return PickupWindow.Create(workshopId, day, new TimeOnly(16, 0), new TimeOnly(18, 0), 2);
        }
        yield return PickupWindow.Create(workshopId, DayOfWeek.Saturday, new TimeOnly(8, 0), new TimeOnly(10, 0), 2);
    }
}
