using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// What came back different from how it left: the km driven (flagged above the city's allowance), less fuel,
/// and the damages the pickup did not record. <see cref="NewDamages"/> holds their positions in the return's list.
/// </summary>
public sealed record ReturnComparison(
    int PickupOdometerKm, int KmDriven, int AllowanceKm, bool OverAllowance, int PickupFuelPercent, bool FuelLower, IReadOnlyList<int> NewDamages)
{
    public bool HasFlags => OverAllowance || FuelLower || NewDamages.Count > 0;
}

/// <summary>The replacement car's own handover as a protocol states it: out at pickup, and at return back as well.</summary>
public sealed record CarHandover(string LicensePlate, string Model, int KmOut, int FuelOut, int? KmBack, int? FuelBack);

/// <summary>
/// A booking's protocols as its parties see them: the record, its photos, and for the return the comparison
/// with the pickup. Nobody else finds them. Runs in the city's tenant scope.
/// </summary>
public sealed class ReadProtocols(PlatformDbContext db, BookingParties parties)
{
    /// <summary>How close (on the car's outline, 0..1) a damage at return must be to one at pickup, in the same area, to be the same.</summary>
    public const double SameSpot = 0.15;

    public sealed record View(HandoverProtocol Protocol, IReadOnlyList<ProtocolPhoto> Photos, ReturnComparison? Comparison, CarHandover? ReplacementCar);

    public async Task<View?> RunAsync(Guid bookingId, ProtocolKind kind, Caller caller, CancellationToken cancellationToken = default)
    {
        if (await parties.FindAsync(bookingId, caller, cancellationToken: cancellationToken) is null) return null;
        return await ViewAsync(bookingId, kind, cancellationToken);
    }

    /// <summary>For the PDF job and pages that checked the reader's right already.</summary>
    public async Task<View?> ViewAsync(Guid bookingId, ProtocolKind kind, CancellationToken cancellationToken = default)
    {
        var protocols = await db.HandoverProtocols.AsNoTracking().Where(p => p.BookingId == bookingId).ToListAsync(cancellationToken);
        if (protocols.SingleOrDefault(p => p.Kind == kind) is not { } protocol) return null;
        var photos = await db.ProtocolPhotos.AsNoTracking().Where(p => p.ProtocolId == protocol.Id).OrderBy(p => p.Slot).ThenBy(p => p.UploadedAt).ToListAsync(cancellationToken);
        ReturnComparison? comparison = null;
        if (kind == ProtocolKind.Return && protocols.SingleOrDefault(p => p.Kind == ProtocolKind.Pickup) is { } pickup)
        {
            var allowance = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId).Select(c => c.ReturnKmAllowance).SingleAsync(cancellationToken);
            comparison = Compare(pickup, protocol, allowance);
        }
        return new View(protocol, photos, comparison, await CarAsync(bookingId, kind, cancellationToken));
    }

    private async Task<CarHandover?> CarAsync(Guid bookingId, ProtocolKind kind, CancellationToken cancellationToken)
    {
        var car = await (
            from loan in db.CarLoans.AsNoTracking()
            where loan.BookingId == bookingId && loan.KmOut != null
            join fleetCar in db.ReplacementCars.AsNoTracking() on loan.CarId equals fleetCar.Id
            select new { fleetCar.LicensePlate, fleetCar.Model, loan.KmOut, loan.FuelOut, loan.KmBack, loan.FuelBack }).SingleOrDefaultAsync(cancellationToken);
        if (car is null) return null;
        var back = kind == ProtocolKind.Return;
        return new CarHandover(car.LicensePlate, car.Model, car.KmOut!.Value, car.FuelOut!.Value, back ? car.KmBack : null, back ? car.FuelBack : null);
    }

    public static ReturnComparison Compare(HandoverProtocol pickup, HandoverProtocol back, int allowanceKm)
    {
        var driven = back.OdometerKm - pickup.OdometerKm;
        var fresh = back.Damages
            .Select((damage, index) => (damage, index))
            .Where(d => !pickup.Damages.Any(p => p.Area == d.damage.Area && Math.Sqrt(Math.Pow(p.X - d.damage.X, 2) + Math.Pow(p.Y - d.damage.Y, 2)) <= SameSpot))
            .Select(d => d.index).ToList();
        return new ReturnComparison(pickup.OdometerKm, driven, allowanceKm, driven > allowanceKm, pickup.FuelPercent, back.FuelPercent < pickup.FuelPercent, fresh);
    }
}
