using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// A jockey's own errands in this city over some days, in time order, with what they need on the road:
/// the customer's name and phone, the address, the car, its plate and the services, and the replacement
/// car that goes along (to bring at pickup, to take back at return). Nobody else's tasks
/// are in it. Runs in the city's tenant scope.
/// </summary>
public sealed class JockeyDay(PlatformDbContext db)
{
    public sealed record Errand(
        Guid Id, Guid BookingId, string BookingNumber, JockeyTaskKind Kind, JockeyTaskStatus Status, DateOnly Date, TimeOnly Start, TimeOnly End,
        DateTimeOffset StartUtc, DateTimeOffset EndUtc, string CustomerName, string Phone, Geography.Address Address,
        string LicensePlate, string Vehicle, IReadOnlyList<string> Services, Bookings.BookingStatus BookingStatus, ReplacementCarAlong? ReplacementCar)
    {
        /// <summary>The protocol of this errand can be taken now.</summary>
        public bool ProtocolDue => Status == JockeyTaskStatus.Assigned
                                   && BookingStatus == (Kind == JockeyTaskKind.Pickup ? Bookings.BookingStatus.PickupAssigned : Bookings.BookingStatus.ReturnAssigned);

        /// <summary>Picked up and still with the jockey: next stop, the workshop.</summary>
        public bool ToWorkshop => Kind == JockeyTaskKind.Pickup && Status == JockeyTaskStatus.Done && BookingStatus == Bookings.BookingStatus.PickedUp;
    }

    /// <summary>A replacement car on this errand: to bring along (no plate yet, the jockey picks one at pickup), or the one to take back.</summary>
    public sealed record ReplacementCarAlong(string? LicensePlate);

    public async Task<IReadOnlyList<Errand>> ForAsync(Guid jockeyUserId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var tasks = await db.JockeyTasks.AsNoTracking()
            .Where(t => t.JockeyUserId == jockeyUserId && t.Date >= from && t.Date <= to
                        && (t.Status == JockeyTaskStatus.Assigned || t.Status == JockeyTaskStatus.Done))
            .OrderBy(t => t.StartUtc).ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.BookingId).ToList();
        var bookings = await db.Bookings.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var loans = await (
            from loan in db.CarLoans.AsNoTracking()
            where ids.Contains(loan.BookingId) && (loan.Status == CarLoanStatus.Reserved || loan.Status == CarLoanStatus.Out)
            join car in db.ReplacementCars.AsNoTracking() on loan.CarId equals car.Id into cars
            from car in cars.DefaultIfEmpty()
            select new { loan.BookingId, loan.Status, Plate = car == null ? null : car.LicensePlate }).ToDictionaryAsync(l => l.BookingId, cancellationToken);
        return tasks.Select(t =>
        {
            var b = bookings[t.BookingId];
            return new Errand(t.Id, b.Id, b.Number, t.Kind, t.Status, t.Date, t.Start, t.End, t.StartUtc, t.EndUtc, b.Contact.Name, b.Contact.Phone,
                b.Address, b.LicensePlate, $"{b.Vehicle.Make} {b.Vehicle.Model}", b.Lines.Select(l => l.Description).ToList(), b.Status,
                loans.GetValueOrDefault(b.Id) is { } along && (t.Kind == JockeyTaskKind.Pickup ? along.Status == CarLoanStatus.Reserved : along.Status == CarLoanStatus.Out)
                    ? new ReplacementCarAlong(along.Plate) : null);
        }).ToList();
    }

    /// <summary>A link that opens the address in the phone's map (OpenStreetMap's search: no account, no tracking by us).</summary>
    public static string MapLink(Geography.Address address) =>
        $"https://www.openstreetmap.org/search?query={Uri.EscapeDataString(address.ToString())}";

    /// <summary>A <c>tel:</c> link of the number as the customer typed it, reduced to what a dialler takes.</summary>
    public static string PhoneLink(string phone) => "tel:" + new string([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);
}
