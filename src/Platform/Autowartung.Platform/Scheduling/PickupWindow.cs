namespace Autowartung.Platform.Scheduling;

/// <summary>
/// A weekly pickup window of a workshop (tenant-owned), in the city's local time: e.g. Mondays
/// 07:00–09:00, three cars. A slot is such a window on a date.
/// </summary>
public sealed class PickupWindow
{
    private PickupWindow() { }

    public Guid Id { get; private set; }

    public Guid WorkshopId { get; private set; }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    /// <summary>Cars the workshop takes in this window.</summary>
    public int Capacity { get; private set; }

    public static PickupWindow Create(Guid workshopId, DayOfWeek day, TimeOnly start, TimeOnly end, int capacity)
    {
        if (end <= start) throw new ArgumentException("A window ends after it starts.", nameof(end));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return new PickupWindow { Id = Guid.CreateVersion7(), WorkshopId = workshopId, Day = day, Start = start, End = end, Capacity = capacity };
    }

    public void ChangeCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }
}

/// <summary>A day a workshop is closed (tenant-owned): no slots that day.</summary>
public sealed class WorkshopClosure
{
    private WorkshopClosure() { }

    public Guid Id { get; private set; }

    public Guid WorkshopId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Reason { get; private set; } = "";

    public static WorkshopClosure Create(Guid workshopId, DateOnly date, string reason) =>
        new() { Id = Guid.CreateVersion7(), WorkshopId = workshopId, Date = date, Reason = reason.Trim() };
}

/// <summary>A weekly shift of a jockey of the city's pool (tenant-owned), in local time.</summary>
public sealed class JockeyShift
{
    private JockeyShift() { }

    public Guid Id { get; private set; }

    public Guid JockeyUserId { get; private set; }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public static JockeyShift Create(Guid jockeyUserId, DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        if (end <= start) throw new ArgumentException("A shift ends after it starts.", nameof(end));
        return new JockeyShift { Id = Guid.CreateVersion7(), JockeyUserId = jockeyUserId, Day = day, Start = start, End = end };
    }

    /// <summary>Whether the shift covers a window. The slot queries count the same condition in SQL.</summary>
    public bool Covers(DayOfWeek day, TimeOnly start, TimeOnly end) => Day == day && Start <= start && End >= end;
}
