using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The city's fleet as the admins watch it: each car and, when it is out, with whom (booking, customer,
/// since when, due back), the reservations still to go out, the days ahead with cars held against the
/// fleet's size, and every loan that ran into another's days. Runs in the city's tenant scope.
/// </summary>
public sealed class FleetBoard(PlatformDbContext db, CarLoans carLoans, TimeProvider clock)
{
    public sealed record Loan(Guid BookingId, string BookingNumber, string Customer, string Phone, CarLoanStatus Status,
        DateOnly FirstDay, DateOnly LastDay, DateTimeOffset? OutAt, int? KmOut, IReadOnlyList<DateOnly> ClashDays);

    public sealed record Car(ReplacementCar Vehicle, Loan? Out);

    public sealed record Day(DateOnly Date, int Taken, int Cars);

    public sealed record Board(IReadOnlyList<Car> Cars, IReadOnlyList<Loan> Reserved, IReadOnlyList<Day> Days, IReadOnlyList<Loan> Clashes);

    public const int DaysAhead = 14;

    public async Task<Board> RunAsync(CancellationToken cancellationToken = default)
    {
        var zone = ((CityTenantInfo)db.TenantInfo!).TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var held = await (
            from loan in db.CarLoans.AsNoTracking()
            where loan.Status == CarLoanStatus.Reserved || loan.Status == CarLoanStatus.Out
            join booking in db.Bookings.AsNoTracking() on loan.BookingId equals booking.Id
            orderby loan.FirstDay
            select new { loan, booking.Contact }).ToListAsync(cancellationToken);
        var loans = held.Select(h => (h.loan.CarId, Row: new Loan(h.loan.BookingId, Bookings.Booking.NumberFor(h.loan.BookingId), h.Contact.Name, h.Contact.Phone,
            h.loan.Status, h.loan.FirstDay, h.loan.LastDay, h.loan.OutAt, h.loan.KmOut, h.loan.ClashDays))).ToList();

        var cars = await db.ReplacementCars.AsNoTracking().Where(c => c.Status != ReplacementCarStatus.Retired).OrderBy(c => c.LicensePlate).ToListAsync(cancellationToken);
        var size = await carLoans.FleetSizeAsync(cancellationToken);
        var counters = await db.FleetDayCounters.AsNoTracking().Where(d => d.Date >= today && d.Date < today.AddDays(DaysAhead))
            .ToDictionaryAsync(d => d.Date, d => d.Taken, cancellationToken);
        return new Board(
            cars.Select(c => new Car(c, loans.FirstOrDefault(l => l.CarId == c.Id && l.Row.Status == CarLoanStatus.Out).Row)).ToList(),
            loans.Where(l => l.Row.Status == CarLoanStatus.Reserved).Select(l => l.Row).ToList(),
            Enumerable.Range(0, DaysAhead).Select(i => today.AddDays(i)).Select(d => new Day(d, counters.GetValueOrDefault(d), size)).ToList(),
            loans.Where(l => l.Row.ClashDays.Count > 0).Select(l => l.Row).ToList());
    }
}
