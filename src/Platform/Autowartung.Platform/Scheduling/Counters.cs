namespace Autowartung.Platform.Scheduling;

/// <summary>
/// Places taken in one slot (tenant-owned). Incremented only by a conditional UPDATE that checks the
/// capacity in the same statement, so the database, not a read-then-write in code, decides who gets the last place.
/// </summary>
public sealed class SlotCounter
{
    public Guid WindowId { get; private set; }

    public DateOnly Date { get; private set; }

    public int Taken { get; private set; }
}

/// <summary>Bookings of one day in the city (tenant-owned), for the pilot's daily cap.</summary>
public sealed class CityDayCounter
{
    public DateOnly Date { get; private set; }

    public int Taken { get; private set; }
}

/// <summary>Jockeys counted for one window of time on one day (tenant-owned), against the jockeys on shift.</summary>
public sealed class JockeyCounter
{
    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public int Taken { get; private set; }
}
