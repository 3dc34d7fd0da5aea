using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Vehicles;

/// <summary>What a customer tells about their car: make, model, year and fuel, or the key numbers.</summary>
public sealed record VehicleInput(string? Make, string? Model, int? Year, string? Fuel, int? MileageKm, string? Hsn, string? Tsn);

/// <summary>A car the catalog knows, with the class its prices come from.</summary>
public sealed record IdentifiedVehicle(string Make, string Model, int? Year, FuelType Fuel, int? MileageKm, VehicleClass Class, string? Hsn, string? Tsn);

/// <summary>Finds a car in the catalog, or says, field by field, why it cannot.</summary>
public sealed class IdentifyVehicle(PlatformDbContext db, TimeProvider clock)
{
    public const int MaxMileageKm = 2_000_000;

    /// <returns>The car, or invalid naming every field (<c>vehicle.make</c>, <c>vehicle.year</c>, …) that stands in the way.</returns>
    public async Task<Result<IdentifiedVehicle>> RunAsync(VehicleInput? input, CancellationToken cancellationToken = default)
    {
        var (vehicle, errors) = await IdentifyAsync(input, cancellationToken);
        return errors.Count > 0 ? Result.Invalid(errors) : vehicle!;
    }

    private async Task<(IdentifiedVehicle? Vehicle, Dictionary<string, string[]> Errors)> IdentifyAsync(VehicleInput? input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            errors["vehicle"] = ["Bitte geben Sie Ihr Fahrzeug an: Hersteller, Modell, Baujahr und Kraftstoff, oder HSN und TSN."];
            return (null, errors);
        }

        var thisYear = clock.GetUtcNow().Year;
        if (input.Year is { } year && (year < 1950 || year > thisYear + 1))
            errors["vehicle.year"] = [$"Das Baujahr muss zwischen 1950 und {thisYear + 1} liegen."];
        if (input.MileageKm is < 0 or > MaxMileageKm)
            errors["vehicle.mileageKm"] = ["Der Kilometerstand muss zwischen 0 und 2.000.000 km liegen."];

        var byKeyNumbers = !string.IsNullOrWhiteSpace(input.Hsn) || !string.IsNullOrWhiteSpace(input.Tsn);
        return byKeyNumbers ? await ByKeyNumbersAsync(input, errors, cancellationToken) : await ByModelAsync(input, errors, cancellationToken);
    }

    private async Task<(IdentifiedVehicle?, Dictionary<string, string[]>)> ByKeyNumbersAsync(VehicleInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var hsn = input.Hsn?.Trim() ?? "";
        var tsn = input.Tsn?.Trim().ToUpperInvariant() ?? "";
        if (hsn.Length != 4 || !hsn.All(char.IsAsciiDigit)) errors["vehicle.hsn"] = ["Die HSN hat vier Ziffern (Feld 2.1 im Fahrzeugschein)."];
        if (tsn.Length != 3 || !tsn.All(char.IsAsciiLetterOrDigit)) errors["vehicle.tsn"] = ["Die TSN hat drei Zeichen (Feld 2.2, die ersten drei)."];
        if (errors.Count > 0) return (null, errors);

        var found = await (from key in db.VehicleKeyNumbers.AsNoTracking()
                           join model in db.VehicleModels.AsNoTracking() on key.VehicleModelId equals model.Id
                           where key.Hsn == hsn && key.Tsn == tsn
                           select new { key.Fuel, model }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            errors["vehicle.tsn"] = ["Zu dieser HSN/TSN kennen wir kein Fahrzeug. Bitte wählen Sie es aus der Liste."];
            return (null, errors);
        }
        if (input.Year is { } year && !found.model.Covers(year))
            errors["vehicle.year"] = [$"Den {found.model.Make} {found.model.Model} dieser Schlüsselnummer gibt es nicht als Baujahr {year}."];
        return errors.Count > 0
            ? (null, errors)
            : (new IdentifiedVehicle(found.model.Make, found.model.Model, input.Year, found.Fuel, input.MileageKm, found.model.Class, hsn, tsn), errors);
    }

    private async Task<(IdentifiedVehicle?, Dictionary<string, string[]>)> ByModelAsync(VehicleInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Make)) errors["vehicle.make"] = ["Bitte wählen Sie den Hersteller."];
        if (string.IsNullOrWhiteSpace(input.Model)) errors["vehicle.model"] = ["Bitte wählen Sie das Modell."];
        if (input.Year is null) errors.TryAdd("vehicle.year", ["Bitte geben Sie das Baujahr an."]);
        // By name only: Enum.TryParse would also take "1" and "Diesel, Hybrid".
        var fuelName = Enum.GetNames<FuelType>().FirstOrDefault(name => name.Equals(input.Fuel?.Trim(), StringComparison.OrdinalIgnoreCase));
        var fuel = fuelName is null ? default : Enum.Parse<FuelType>(fuelName);
        if (fuelName is null)
            errors["vehicle.fuel"] = ["Bitte wählen Sie den Kraftstoff: Benzin, Diesel, Hybrid oder Elektro."];
        if (errors.Count > 0) return (null, errors);

        var make = input.Make!.Trim();
        var modelName = input.Model!.Trim();
        var candidates = await db.VehicleModels.AsNoTracking()
            .Where(m => m.Make.ToLower() == make.ToLower() && m.Model.ToLower() == modelName.ToLower())
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            var knownMake = await db.VehicleModels.AnyAsync(m => m.Make.ToLower() == make.ToLower(), cancellationToken);
            errors[knownMake ? "vehicle.model" : "vehicle.make"] = [knownMake ? "Dieses Modell kennen wir nicht." : "Diesen Hersteller kennen wir nicht."];
            return (null, errors);
        }
        var model = candidates.FirstOrDefault(m => m.Covers(input.Year!.Value));
        if (model is null)
        {
            errors["vehicle.year"] = [$"Den {candidates[0].Make} {candidates[0].Model} gibt es nicht als Baujahr {input.Year}."];
            return (null, errors);
        }
        if (!model.Fuels.Contains(fuel))
        {
            errors["vehicle.fuel"] = [$"Den {model.Make} {model.Model} gibt es nicht als {fuel.Label()}."];
            return (null, errors);
        }
        return (new IdentifiedVehicle(model.Make, model.Model, input.Year, fuel, input.MileageKm, model.Class, null, null), errors);
    }
}
