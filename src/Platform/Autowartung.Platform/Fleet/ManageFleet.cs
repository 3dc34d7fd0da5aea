using System.Text.RegularExpressions;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Fleet;

/// <summary>The city's replacement cars: add one (plate unique in the city), or change its status. Runs in the city's tenant scope.</summary>
public sealed partial class ManageFleet(PlatformDbContext db, TimeProvider clock)
{
    public async Task<Result> AddAsync(string? licensePlate, string? model, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var plate = licensePlate?.Trim().ToUpperInvariant();
        if (plate is null || !Plate().IsMatch(plate)) errors["licensePlate"] = ["Bitte das Kennzeichen angeben, z. B. BO-AW 12."];
        if (model?.Trim() is not { Length: >= 2 and <= 100 }) errors["model"] = ["Bitte das Modell angeben."];
        if (errors.Count > 0) return Result.Invalid(errors);
        db.ReplacementCars.Add(ReplacementCar.Add(plate!, model!, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Result.Invalid("licensePlate", "Dieses Kennzeichen steht schon in der Flotte.");
        }
        return Result.Ok;
    }

    /// <summary>
    /// Sends a car to the garage, retires it or puts it back into service. Whether a car is out with a
    /// customer is the loans' business: a car out cannot be set, and no car can be set to out by hand.
    /// </summary>
    public async Task<Result> SetStatusAsync(Guid carId, ReplacementCarStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status) || status == ReplacementCarStatus.InUse)
            return Result.Invalid("carStatus", "Bitte verfügbar, in Wartung oder ausgemustert wählen; unterwegs ist ein Wagen nur mit einer Buchung.");
        var car = await db.ReplacementCars.SingleOrDefaultAsync(c => c.Id == carId, cancellationToken);
        if (car is null) return Result.NotFound();
        if (car.Status == ReplacementCarStatus.InUse) return Result.Conflict("Dieser Wagen ist gerade bei einem Kunden; erst nach der Rückgabe lässt er sich umstellen.");
        car.SetStatus(status);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    [GeneratedRegex(@"^[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?[1-9][0-9]{0,3}[EH]?$")]
    private static partial Regex Plate();
}
