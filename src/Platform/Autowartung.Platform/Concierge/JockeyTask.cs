namespace Autowartung.Platform.Concierge;

public enum JockeyTaskKind { Pickup, Return }

public enum JockeyTaskStatus
{
    /// <summary>Waiting for a jockey: new, or given back when its jockey became unavailable.</summary>
    Unassigned,

    /// <summary>A jockey has it; the database keeps one jockey's assigned tasks from overlapping in time.</summary>
    Assigned,

    Done,

    Cancelled,
}

/// <summary>
/// A jockey's errand for a booking (tenant-owned): fetch the car in its pickup window, or bring it back in
/// its return window. One task of each kind per booking. The window is kept both in the city's local time
/// (to match shifts) and in UTC (to keep a jockey's tasks apart).
/// </summary>
public sealed class JockeyTask
{
    private JockeyTask() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public JockeyTaskKind Kind { get; private set; }

    /// <summary>The pickup window (of the workshop's calendar) whose places the errand holds: the booking's slot, or the return's.</summary>
    public Guid WindowId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public DateTimeOffset StartUtc { get; private set; }

    public DateTimeOffset EndUtc { get; private set; }

    public JockeyTaskStatus Status { get; private set; }

    public Guid? JockeyUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>The jockeys who gave this task back: it is not offered to them again.</summary>
    public List<Guid> DeclinedBy { get; private set; } = [];

    /// <summary>When no free jockey was found and the city's admins were told; cleared once a jockey has it.</summary>
    public DateTimeOffset? UnstaffedSince { get; private set; }

    public static JockeyTask Create(
        Guid bookingId, JockeyTaskKind kind, Guid windowId, DateOnly date, TimeOnly start, TimeOnly end, DateTimeOffset startUtc, DateTimeOffset endUtc, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            BookingId = bookingId,
            Kind = kind,
            WindowId = windowId,
            Date = date,
            Start = start,
            End = end,
            StartUtc = startUtc,
            EndUtc = endUtc,
            Status = JockeyTaskStatus.Unassigned,
            CreatedAt = now,
        };

    public bool IsOpen => Status is JockeyTaskStatus.Unassigned or JockeyTaskStatus.Assigned;

    /// <summary>Gives the task to a jockey; only an unassigned one.</summary>
    public bool AssignTo(Guid jockeyUserId, DateTimeOffset now)
    {
        if (Status != JockeyTaskStatus.Unassigned) return false;
        (Status, JockeyUserId, AssignedAt, UnstaffedSince) = (JockeyTaskStatus.Assigned, jockeyUserId, now, null);
        return true;
    }

    /// <summary>Takes the task back from its jockey (no longer on shift, no longer in the city, declined).</summary>
    public bool Release()
    {
        if (Status != JockeyTaskStatus.Assigned) return false;
        (Status, JockeyUserId, AssignedAt) = (JockeyTaskStatus.Unassigned, null, null);
        return true;
    }

    /// <summary>Its jockey gives the task back (and will not get it again); only their own, only while assigned.</summary>
    public bool Decline(Guid jockeyUserId)
    {
        if (Status != JockeyTaskStatus.Assigned || JockeyUserId != jockeyUserId) return false;
        DeclinedBy.Add(jockeyUserId);
        return Release();
    }

    /// <summary>Marks the task as finding nobody; true only the first time, so the admins are told once.</summary>
    public bool MarkUnstaffed(DateTimeOffset now)
    {
        if (Status != JockeyTaskStatus.Unassigned || UnstaffedSince is not null) return false;
        UnstaffedSince = now;
        return true;
    }

    public void Cancel() => Status = JockeyTaskStatus.Cancelled;

    /// <summary>Its protocol is recorded: the errand is done. Only the assigned jockey's task.</summary>
    public bool Finish(Guid jockeyUserId)
    {
        if (Status != JockeyTaskStatus.Assigned || JockeyUserId != jockeyUserId) return false;
        Status = JockeyTaskStatus.Done;
        return true;
    }

    /// <summary>The customer picked another free window for the car's return: the errand starts over there, without a jockey.</summary>
    public bool Reschedule(Guid windowId, DateOnly date, TimeOnly start, TimeOnly end, DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        if (Kind != JockeyTaskKind.Return || !IsOpen) return false;
        (WindowId, Date, Start, End, StartUtc, EndUtc) = (windowId, date, start, end, startUtc, endUtc);
        (Status, JockeyUserId, AssignedAt, UnstaffedSince) = (JockeyTaskStatus.Unassigned, null, null, null);
        return true;
    }
}
