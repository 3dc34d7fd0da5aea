using System.Globalization;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Fleet;

/// <summary>
/// The replacement cars lent with bookings. A loan holds one car of the fleet on each of its days, and
/// the database decides: each day's counter is raised by one conditional UPDATE against the cars in
/// service, so k cars give k loans on a day however many bookings race. An order that runs longer keeps
/// its car regardless (the car is with the customer), and a day that goes over the fleet's size is a
/// clash the platform's admins are told of, once per day. Every method works inside the caller's
/// transaction and leaves saving to it. Runs in the city's tenant scope.
/// </summary>
public sealed class CarLoans(PlatformDbContext db, IOutbox outbox, TimeProvider clock)
{
    public const string ClashKind = "car-loan-clash";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The outcome of handing a car out or taking it back.</summary>
    public enum Handover { Done, NoLoan, CarNotFree }

    private IQueryable<ReplacementCar> InService =>
        db.ReplacementCars.Where(c => c.Status == ReplacementCarStatus.Available || c.Status == ReplacementCarStatus.InUse);

    /// <summary>How many cars the fleet has in service (neither in maintenance nor retired).</summary>
    public Task<int> FleetSizeAsync(CancellationToken cancellationToken = default) => InService.CountAsync(cancellationToken);

    /// <summary>
    /// Until which day a car is free for every day from <paramref name="firstDay"/> on, looking at most
    /// <paramref name="maxDays"/> ahead; null when none is free on the first day.
    /// </summary>
    public async Task<DateOnly?> FreeUntilAsync(DateOnly firstDay, int maxDays, CancellationToken cancellationToken = default)
    {
        var cars = await FleetSizeAsync(cancellationToken);
        if (cars == 0) return null;
        var lastDay = firstDay.AddDays(maxDays);
        var taken = await db.FleetDayCounters.AsNoTracking().Where(d => d.Date >= firstDay && d.Date <= lastDay)
            .ToDictionaryAsync(d => d.Date, d => d.Taken, cancellationToken);
        DateOnly? free = null;
        for (var day = firstDay; day <= lastDay && taken.GetValueOrDefault(day) < cars; day = day.AddDays(1)) free = day;
        return free;
    }

    /// <summary>Takes a car on each day of the booking's loan; false when one day has none left (roll the transaction back then).</summary>
    public async Task<bool> ReserveAsync(Guid bookingId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        await EnsureDaysAsync(firstDay, lastDay, cancellationToken);
        var taken = await db.FleetDayCounters.Where(d => d.Date >= firstDay && d.Date <= lastDay && d.Taken < InService.Count())
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Taken, d => d.Taken + 1), cancellationToken);
        if (taken < lastDay.DayNumber - firstDay.DayNumber + 1) return false;
        db.CarLoans.Add(CarLoan.Reserve(bookingId, firstDay, lastDay, clock.GetUtcNow()));
        return true;
    }

    /// <summary>The booking's loan as it stands, for reading; null when the booking has none.</summary>
    public Task<CarLoan?> ForAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        db.CarLoans.AsNoTracking().SingleOrDefaultAsync(l => l.BookingId == bookingId, cancellationToken);

    /// <summary>The booking's loan, its row locked to the end of the transaction; null when the booking has none.</summary>
    public Task<CarLoan?> LockAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        db.CarLoans.FromSql($"SELECT * FROM car_loans WHERE booking_id = {bookingId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    /// <summary>The booking was called off before its car went out: its days are free again. False when it has no reserved loan.</summary>
    public async Task<bool> ReleaseAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        if (await LockAsync(bookingId, cancellationToken) is not { } loan || !loan.Release()) return false;
        await GiveBackAsync(loan.FirstDay, loan.LastDay, cancellationToken);
        return true;
    }

    /// <summary>
    /// The car is needed until <paramref name="lastDay"/>: the loan takes the days it lacks, whether or not a
    /// car is left on them, and each day over the fleet's size is flagged to the admins. Nothing happens for
    /// a loan that already reaches that day, is back or was released.
    /// </summary>
    public async Task ExtendAsync(Guid bookingId, string bookingNumber, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        if (await LockAsync(bookingId, cancellationToken) is not { IsHeld: true } loan || lastDay <= loan.LastDay) return;
        var from = loan.LastDay.AddDays(1);
        await EnsureDaysAsync(from, lastDay, cancellationToken);
        await db.FleetDayCounters.Where(d => d.Date >= from && d.Date <= lastDay)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Taken, d => d.Taken + 1), cancellationToken);
        var clashes = await db.FleetDayCounters.AsNoTracking().Where(d => d.Date >= from && d.Date <= lastDay && d.Taken > InService.Count())
            .Select(d => d.Date).OrderBy(d => d).ToListAsync(cancellationToken);
        var fresh = clashes.Except(loan.ClashDays).ToList();
        loan.ExtendTo(lastDay, clashes);
        if (fresh.Count > 0) await FlagAsync(bookingNumber, lastDay, fresh, cancellationToken);
    }

    /// <summary>The jockey hands <paramref name="carId"/> to the customer at the pickup; the car must be free (the database decides).</summary>
    public async Task<Handover> HandOutAsync(Guid bookingId, Guid carId, int km, int fuelPercent, CancellationToken cancellationToken = default)
    {
        if (await LockAsync(bookingId, cancellationToken) is not { Status: CarLoanStatus.Reserved } loan) return Handover.NoLoan;
        var taken = await db.ReplacementCars.Where(c => c.Id == carId && c.Status == ReplacementCarStatus.Available)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, ReplacementCarStatus.InUse), cancellationToken);
        if (taken == 0) return Handover.CarNotFree;
        loan.HandOut(carId, km, fuelPercent, clock.GetUtcNow());
        return Handover.Done;
    }

    /// <summary>The customer gave the car back on <paramref name="day"/> (city time): it is free again, and so are the loan's days after that one.</summary>
    public async Task<Handover> TakeBackAsync(Guid bookingId, string bookingNumber, int km, int fuelPercent, DateOnly day, CancellationToken cancellationToken = default)
    {
        if (await LockAsync(bookingId, cancellationToken) is not { Status: CarLoanStatus.Out } loan) return Handover.NoLoan;
        if (day > loan.LastDay)
        {
            await ExtendAsync(bookingId, bookingNumber, day, cancellationToken);
        }
        var heldUntil = loan.LastDay;
        loan.TakeBack(km, fuelPercent, day, clock.GetUtcNow());
        if (loan.LastDay < heldUntil) await GiveBackAsync(loan.LastDay.AddDays(1), heldUntil, cancellationToken);
        await db.ReplacementCars.Where(c => c.Id == loan.CarId && c.Status == ReplacementCarStatus.InUse)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, ReplacementCarStatus.Available), cancellationToken);
        return Handover.Done;
    }

    /// <summary>The last km the car was seen with: when it last came back, or when it went out.</summary>
    public async Task<int?> LastKnownKmAsync(Guid carId, CancellationToken cancellationToken = default) =>
        await db.CarLoans.AsNoTracking().Where(l => l.CarId == carId && (l.KmBack != null || l.KmOut != null))
            .OrderByDescending(l => l.OutAt).Select(l => l.KmBack ?? l.KmOut).FirstOrDefaultAsync(cancellationToken);

    private async Task EnsureDaysAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO fleet_day_counters (tenant_id, date, taken)
             SELECT {db.CurrentTenantId}, day::date, 0 FROM generate_series({firstDay}::date, {lastDay}::date, interval '1 day') AS day
             ON CONFLICT DO NOTHING
             """, cancellationToken);

    private async Task GiveBackAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        await db.FleetDayCounters.Where(d => d.Date >= firstDay && d.Date <= lastDay && d.Taken > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Taken, d => d.Taken - 1), cancellationToken);

    private async Task FlagAsync(string bookingNumber, DateOnly lastDay, IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var admins = await db.Users.AsNoTracking().Where(u => u.IsPlatformAdmin && !u.IsDisabled && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken);
        var named = string.Join(", ", days.Select(d => d.ToString("ddd d. MMMM", German)));
        foreach (var admin in admins)
            outbox.AddEmail(EmailTemplate.Build(admin, $"{city.Name}: Ersatzwagen von Buchung {bookingNumber} fehlt anderen",
                [$"Der Auftrag {bookingNumber} dauert länger: sein Ersatzwagen bleibt bis {lastDay.ToString("dddd, d. MMMM yyyy", German)} beim Kunden.",
                 $"Damit sind mehr Ersatzwagen vergeben, als die Flotte hat, an: {named}.",
                 "Bitte einen Wagen dazunehmen oder eine der folgenden Reservierungen umplanen; die Flottenseite zeigt, wer welchen Wagen hat."]), ClashKind);
    }
}
