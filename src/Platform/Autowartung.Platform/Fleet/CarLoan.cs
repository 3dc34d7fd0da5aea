namespace Autowartung.Platform.Fleet;

/// <summary>Where a loan stands: its days are held, the car is out with the customer, it is back, or it was given up before it went out.</summary>
public enum CarLoanStatus { Reserved, Out, Back, Released }

/// <summary>
/// A replacement car lent with a booking (tenant-owned). It holds one place of the fleet on each day from
/// the pickup to the day the car is due back (the <see cref="FleetDayCounter"/>s decide); which car goes
/// out is chosen by the jockey at the pickup, who records its km and fuel then and when it comes back.
/// Days taken beyond the fleet's size, because an order ran longer, are kept as clash days for the admins.
/// </summary>
public sealed class CarLoan
{
    private CarLoan() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    /// <summary>The pickup's day, city time.</summary>
    public DateOnly FirstDay { get; private set; }

    /// <summary>The last day the car is held for, city time: the wished return, later the planned or the real one.</summary>
    public DateOnly LastDay { get; private set; }

    public CarLoanStatus Status { get; private set; }

    public Guid? CarId { get; private set; }

    public int? KmOut { get; private set; }

    public int? FuelOut { get; private set; }

    public DateTimeOffset? OutAt { get; private set; }

    public int? KmBack { get; private set; }

    public int? FuelBack { get; private set; }

    public DateTimeOffset? BackAt { get; private set; }

    /// <summary>Days on which this loan, extended, took more cars than the fleet has: a reservation after it may find no car.</summary>
    public List<DateOnly> ClashDays { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Still holding a place of the fleet: reserved or out.</summary>
    public bool IsHeld => Status is CarLoanStatus.Reserved or CarLoanStatus.Out;

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    internal static CarLoan Reserve(Guid bookingId, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastDay, firstDay);
        return new CarLoan
        {
            Id = Guid.CreateVersion7(now),
            BookingId = bookingId,
            FirstDay = firstDay,
            LastDay = lastDay,
            Status = CarLoanStatus.Reserved,
            CreatedAt = now,
        };
    }

    internal bool Release()
    {
        if (Status != CarLoanStatus.Reserved) return false;
        Status = CarLoanStatus.Released;
        return true;
    }

    internal void ExtendTo(DateOnly lastDay, IEnumerable<DateOnly> clashes)
    {
        LastDay = lastDay;
        ClashDays = ClashDays.Union(clashes).Order().ToList();
    }

    internal bool HandOut(Guid carId, int km, int fuelPercent, DateTimeOffset now)
    {
        if (Status != CarLoanStatus.Reserved) return false;
        (Status, CarId, KmOut, FuelOut, OutAt) = (CarLoanStatus.Out, carId, km, fuelPercent, now);
        return true;
    }

    /// <summary>The car is back on <paramref name="day"/>: the days after it are no longer held.</summary>
    internal bool TakeBack(int km, int fuelPercent, DateOnly day, DateTimeOffset now)
    {
        if (Status != CarLoanStatus.Out) return false;
        (Status, KmBack, FuelBack, BackAt) = (CarLoanStatus.Back, km, fuelPercent, now);
        if (day < LastDay) LastDay = day < FirstDay ? FirstDay : day;
        return true;
    }
}

/// <summary>
/// Cars of the fleet held on one day (tenant-owned). Raised only by a conditional UPDATE that compares it
/// with the cars in service in the same statement, so the database decides who gets the last car; an
/// order that runs longer raises it regardless, and a day above the fleet's size is a clash.
/// </summary>
public sealed class FleetDayCounter
{
    public DateOnly Date { get; private set; }

    public int Taken { get; private set; }
}
