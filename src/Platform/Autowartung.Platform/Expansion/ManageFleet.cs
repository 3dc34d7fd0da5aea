using System.Text.RegularExpressions;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Expansion;

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

    public async Task<Result> SetStatusAsync(Guid carId, ReplacementCarStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status)) return Result.Invalid("carStatus", "Diesen Status gibt es nicht.");
        var car = await db.ReplacementCars.SingleOrDefaultAsync(c => c.Id == carId, cancellationToken);
        if (car is null) return Result.NotFound();
        car.SetStatus(status);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    [GeneratedRegex(@"^[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?[1-9][0-9]{0,3}[EH]?$")]
    private static partial Regex Plate();
}
