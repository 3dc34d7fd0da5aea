using Autowartung.Platform.Catalog;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Quotes;

/// <summary>
/// Prices a car, services and address in the city of the request: identifies the car, checks the PLZ
/// (shape, assigned, inside the city's area) and routes it to a partner workshop that serves it and
/// prices every chosen service. Runs in the city's tenant scope.
/// </summary>
public sealed class CreateQuote(PlatformDbContext db, IdentifyVehicle identify, LocatePostalCode locate, FindSlots findSlots, TimeProvider clock)
{
    public sealed record Request(VehicleInput? Vehicle, IReadOnlyList<string>? ServiceCodes, string? PostalCode);

    /// <summary>
    /// The saved quote, or the fields that stand in its way. When another city serves the PLZ, the failure's
    /// <see cref="Failure.Details"/> is that <see cref="LocatePostalCode.ServingCity"/>, for the customer to go there.
    /// </summary>
    public async Task<Result<Quote>> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        // Every field is checked before the answer, so the car's errors and the rest come back together.
        var identified = await identify.RunAsync(request.Vehicle, cancellationToken);
        var vehicle = identified.Succeeded ? identified.Value : null;
        var errors = identified.Succeeded ? [] : identified.Failure.Errors.ToDictionary();

        var codes = (request.ServiceCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        var items = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive && codes.Contains(i.Code)).ToListAsync(cancellationToken);
        if (codes.Count == 0) errors["serviceCodes"] = ["Bitte wählen Sie mindestens eine Leistung."];
        else if (items.Count != codes.Count) errors["serviceCodes"] = [$"Unbekannte Leistung: {string.Join(", ", codes.Except(items.Select(i => i.Code)))}."];
        else if (vehicle is not null && items.FirstOrDefault(i => !i.AppliesTo(vehicle.Fuel)) is { } misfit)
            errors["serviceCodes"] = [$"{misfit.Name} gibt es nicht für {vehicle.Fuel.Label()}-Fahrzeuge."];

        var (postalCode, plzError, servedBy) = await CheckPostalCodeAsync(request.PostalCode, cancellationToken);
        if (plzError is not null) errors["postalCode"] = [plzError];
        if (errors.Count > 0) return Result.Invalid(errors) with { Details = servedBy };

        var plz = postalCode!.Value.Value;
        var (workshopId, netByCode) = await RouteAsync(plz, vehicle!.Class, codes, cancellationToken);
        if (workshopId is null)
            return Result.Invalid("postalCode", "Für diese Postleitzahl bietet gerade keine Partnerwerkstatt alle gewählten Leistungen an.");

        var city = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId)
            .Select(c => new { c.ConciergeFeeCents, c.Status }).SingleAsync(cancellationToken);
        var lines = QuoteCalculator.Lines(items.Select(i => (i, netByCode[i.Code])), city.ConciergeFeeCents);
        var quote = Quote.Create(workshopId.Value, plz, vehicle, lines, clock.GetUtcNow(), isTest: city.Status == CityStatus.Onboarding);
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return quote;
    }

    /// <summary>The services on offer for a car at a PLZ, each with its gross price, and the fee; or why there are none.</summary>
    public sealed record Preview(IReadOnlyList<(CatalogItem Item, int GrossCents)> Services, int FeeGrossCents, string? Problem, LocatePostalCode.ServingCity? ServedBy);

    /// <summary>
    /// What each service would cost (gross) for this car at the workshop a PLZ of this city routes to,
    /// for the services step; with the same PLZ checks, and the same explanations, as a quote.
    /// </summary>
    public async Task<Preview> PreviewAsync(IdentifiedVehicle vehicle, string? postalCodeText, CancellationToken cancellationToken = default)
    {
        var (postalCode, problem, servedBy) = await CheckPostalCodeAsync(postalCodeText, cancellationToken);
        if (problem is not null) return new Preview([], 0, problem, servedBy);

        var (workshopId, netByCode) = await RouteAsync(postalCode!.Value.Value, vehicle.Class, [], cancellationToken);
        var items = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var offered = workshopId is null ? [] : items.Where(i => i.AppliesTo(vehicle.Fuel) && netByCode.ContainsKey(i.Code))
            .Select(i => (i, Pricing.Vat.FromNet(netByCode[i.Code]).GrossCents)).ToList();
        return offered.Count == 0
            ? new Preview([], 0, "Für diese Postleitzahl bietet gerade keine Partnerwerkstatt Leistungen für Ihr Fahrzeug an.", null)
            : new Preview(offered, await ConciergeFeeAsync(cancellationToken), null, null);
    }

    /// <summary>A PLZ must have five digits, exist, and lie in this city's area; otherwise say why, and who serves it.</summary>
    private async Task<(PostalCode? PostalCode, string? Problem, LocatePostalCode.ServingCity? ServedBy)> CheckPostalCodeAsync(string? text, CancellationToken cancellationToken)
    {
        var (postalCode, error) = locate.Check(text);
        if (postalCode is null) return (null, error, null);
        if (await ServedHereAsync(postalCode.Value, cancellationToken)) return (postalCode, null, null);
        var servedBy = await locate.PublicCityServingAsync(postalCode.Value, cancellationToken);
        return (null, servedBy is null
            ? "Für diese Postleitzahl sind wir noch nicht da. Auf der Startseite können Sie sich vormerken lassen."
            : $"Diese Postleitzahl betreut Autowartung {servedBy.Name}.", servedBy);
    }

    /// <summary>
    /// The workshop a PLZ routes to: of the active ones that serve it and price every wanted service for
    /// the class, the first (by name) with a bookable slot in the coming days; if none has one, the first
    /// of them, so the customer still gets a price and learns at the slot step that nothing is free.
    /// </summary>
    private async Task<(Guid? WorkshopId, Dictionary<string, int> NetByCode)> RouteAsync(
        string plz, VehicleClass vehicleClass, IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var workshops = await db.PartnerWorkshops.AsNoTracking()
            .Where(w => w.IsActive && w.ServedPostalCodes.Contains(plz))
            .OrderBy(w => w.Name).Select(w => w.Id).ToListAsync(cancellationToken);
        var prices = await db.WorkshopPrices.AsNoTracking()
            .Where(p => workshops.Contains(p.WorkshopId) && p.VehicleClass == vehicleClass)
            .ToListAsync(cancellationToken);
        var candidates = workshops
            .Select(id => (Id: id, NetByCode: prices.Where(p => p.WorkshopId == id).ToDictionary(p => p.ItemCode, p => p.NetCents)))
            .Where(c => codes.All(c.NetByCode.ContainsKey))
            .ToList();
        if (candidates.Count <= 1) return candidates.Count == 0 ? (null, []) : (candidates[0].Id, candidates[0].NetByCode);
        foreach (var candidate in candidates)
            if ((await findSlots.RunAsync(candidate.Id, cancellationToken)).Count > 0) return (candidate.Id, candidate.NetByCode);
        return (candidates[0].Id, candidates[0].NetByCode);
    }

    private Task<bool> ServedHereAsync(PostalCode postalCode, CancellationToken cancellationToken) =>
        db.Cities.AnyAsync(c => c.Id == db.CurrentTenantId && c.ServiceArea.Any(p => p.Code == postalCode.Value), cancellationToken);

    private Task<int> ConciergeFeeAsync(CancellationToken cancellationToken) =>
        db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId).Select(c => c.ConciergeFeeCents).SingleAsync(cancellationToken);
}
