using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Quotes;

/// <summary>
/// Prices a car, services and address in the city of the request: identifies the car, checks the PLZ
/// (shape, assigned, inside the city's area) and routes it to a partner workshop that serves it and
/// prices every chosen service. Runs in the city's tenant scope.
/// </summary>
public sealed class CreateQuote(PlatformDbContext db, IdentifyVehicle identify, PostalCodeDirectory postalCodes, TimeProvider clock)
{
    public sealed record Request(VehicleInput? Vehicle, IReadOnlyList<string>? ServiceCodes, string? PostalCode);

    /// <summary>The city that serves a PLZ outside this one's area, for the customer to go there.</summary>
    public sealed record OtherCity(string Slug, string Name);

    public sealed record Outcome(Quote? Quote, Dictionary<string, string[]> Errors, OtherCity? ServedBy = null);

    public async Task<Outcome> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        var (vehicle, errors) = await identify.RunAsync(request.Vehicle, cancellationToken);

        var codes = (request.ServiceCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        var items = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive && codes.Contains(i.Code)).ToListAsync(cancellationToken);
        if (codes.Count == 0) errors["serviceCodes"] = ["Bitte wählen Sie mindestens eine Leistung."];
        else if (items.Count != codes.Count) errors["serviceCodes"] = [$"Unbekannte Leistung: {string.Join(", ", codes.Except(items.Select(i => i.Code)))}."];
        else if (vehicle is not null && items.FirstOrDefault(i => !i.AppliesTo(vehicle.Fuel)) is { } misfit)
            errors["serviceCodes"] = [$"{misfit.Name} gibt es nicht für {vehicle.Fuel.Label()}-Fahrzeuge."];

        OtherCity? servedBy = null;
        if (!PostalCode.TryParse(request.PostalCode, out var postalCode))
            errors["postalCode"] = ["Die Postleitzahl hat fünf Ziffern."];
        else if (!postalCodes.Exists(postalCode.Value))
            errors["postalCode"] = ["Diese Postleitzahl gibt es nicht."];
        else if (!await ServedHereAsync(postalCode.Value, cancellationToken))
        {
            servedBy = await ServedByAsync(postalCode.Value, cancellationToken);
            errors["postalCode"] = [servedBy is null
                ? "Für diese Postleitzahl sind wir noch nicht da. Auf der Startseite können Sie sich vormerken lassen."
                : $"Diese Postleitzahl betreut Autowartung {servedBy.Name}."];
        }
        if (errors.Count > 0) return new Outcome(null, errors, servedBy);

        var classOfCar = vehicle!.Class;
        var plz = postalCode!.Value.Value;
        var workshops = await db.PartnerWorkshops.AsNoTracking()
            .Where(w => w.IsActive && w.ServedPostalCodes.Contains(plz))
            .OrderBy(w => w.Name).Select(w => w.Id).ToListAsync(cancellationToken);
        var prices = await db.WorkshopPrices.AsNoTracking()
            .Where(p => workshops.Contains(p.WorkshopId) && p.VehicleClass == classOfCar && codes.Contains(p.ItemCode))
            .ToListAsync(cancellationToken);
        var workshopId = workshops.FirstOrDefault(id => codes.All(code => prices.Any(p => p.WorkshopId == id && p.ItemCode == code)));
        if (workshopId == Guid.Empty)
            return new Outcome(null, new() { ["postalCode"] = ["Für diese Postleitzahl bietet gerade keine Partnerwerkstatt alle gewählten Leistungen an."] });

        var fee = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId).Select(c => c.ConciergeFeeCents).SingleAsync(cancellationToken);
        var lines = QuoteCalculator.Lines(items.Select(i => (i, prices.Single(p => p.WorkshopId == workshopId && p.ItemCode == i.Code).NetCents)), fee);
        var quote = Quote.Create(workshopId, plz, vehicle, lines, clock.GetUtcNow());
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(quote, errors);
    }

    private Task<bool> ServedHereAsync(PostalCode postalCode, CancellationToken cancellationToken) =>
        db.Cities.AnyAsync(c => c.Id == db.CurrentTenantId && c.ServiceArea.Any(p => p.Code == postalCode.Value), cancellationToken);

    private Task<OtherCity?> ServedByAsync(PostalCode postalCode, CancellationToken cancellationToken) =>
        db.Cities.AsNoTracking()
            .Where(c => c.Status != CityStatus.Onboarding && c.ServiceArea.Any(p => p.Code == postalCode.Value))
            .Select(c => new OtherCity(c.Slug, c.Name))
            .FirstOrDefaultAsync(cancellationToken);
}
