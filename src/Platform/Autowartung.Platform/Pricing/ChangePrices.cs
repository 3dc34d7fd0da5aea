using Autowartung.Platform.Audit;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Data;
using Autowartung.Platform.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Pricing;

/// <summary>
/// A workshop changes its own price list: net cents per service and vehicle class, and its labour rate.
/// All or nothing: one wrong price changes nothing. Quotes already made keep their snapshot. Audited;
/// runs in the city's tenant scope.
/// </summary>
public sealed class ChangePrices(PlatformDbContext db, AuditLog audit)
{
    /// <summary>Net, at most 10,000 € for one service.</summary>
    public const int MaxNetCents = 1_000_000;

    public sealed record Price(string ItemCode, VehicleClass VehicleClass, int? NetCents);

    /// <summary>Invalid with field errors keyed <c>{code}.{class}</c>; not found when the workshop is not the city's.</summary>
    public async Task<Result> RunAsync(
        Guid workshopId, IReadOnlyList<Price> prices, int? labourRateNetCents, Guid actorId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var workshop = await db.PartnerWorkshops.SingleOrDefaultAsync(w => w.Id == workshopId, cancellationToken);
        if (workshop is null) return Result.NotFound();

        var codes = await db.CatalogItems.AsNoTracking().Select(i => i.Code).ToListAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        foreach (var price in prices)
        {
            if (!codes.Contains(price.ItemCode) || !Enum.IsDefined(price.VehicleClass)) errors[Key(price)] = ["Diese Leistung gibt es nicht."];
            else if (price.NetCents is not (>= 0 and <= MaxNetCents)) errors[Key(price)] = ["Bitte einen Nettopreis zwischen 0 und 10.000 € angeben."];
        }
        if (labourRateNetCents is not (>= 0 and <= 100_000)) errors["labourRate"] = ["Bitte einen Stundensatz zwischen 0 und 1.000 € (netto) angeben."];
        if (errors.Count > 0) return Result.Invalid(errors);

        var existing = await db.WorkshopPrices.Where(p => p.WorkshopId == workshopId).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var price in prices)
        {
            var entry = existing.FirstOrDefault(p => p.ItemCode == price.ItemCode && p.VehicleClass == price.VehicleClass);
            if (entry is null) db.WorkshopPrices.Add(WorkshopPrice.Create(workshopId, price.ItemCode, price.VehicleClass, price.NetCents!.Value));
            else if (entry.NetCents == price.NetCents) continue;
            else entry.ChangeTo(price.NetCents!.Value);
            changed++;
        }
        if (workshop.LabourRateNetCents != labourRateNetCents) changed++;
        workshop.SetLabourRate(labourRateNetCents!.Value);
        await db.SaveChangesAsync(cancellationToken);
        if (changed > 0)
            await audit.RecordAsync(AuditAction.PricesChanged, origin, actorUserId: actorId, detail: $"{workshop.Name}: {changed} Preis(e)", cancellationToken: cancellationToken);
        return Result.Ok;
    }

    /// <summary>A price-list form's fields, net euros keyed <c>{code}.{class}</c>; an amount that is none reads as null and is refused.</summary>
    public static IReadOnlyList<Price> FromForm(IReadOnlyDictionary<string, string?> netEuros) =>
        netEuros.Select(field => (Key: field.Key.Split('.'), Euros: field.Value))
            .Where(field => field.Key is [_, var className] && Enum.TryParse<VehicleClass>(className, out _))
            .Select(field => new Price(field.Key[0], Enum.Parse<VehicleClass>(field.Key[1]), EuroInput.Cents(field.Euros)))
            .ToList();

    /// <summary>The workshop's price list as its form shows it, with what was <paramref name="posted"/> winning over what is stored.</summary>
    public async Task<PriceListForm> FormAsync(
        Guid workshopId, IReadOnlyDictionary<string, string?> posted, string? postedLabourRate, CancellationToken cancellationToken = default)
    {
        var services = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var netCents = await db.WorkshopPrices.AsNoTracking().Where(p => p.WorkshopId == workshopId)
            .ToDictionaryAsync(p => Key(p.ItemCode, p.VehicleClass), p => p.NetCents, cancellationToken);
        var labourRate = await db.PartnerWorkshops.AsNoTracking().Where(w => w.Id == workshopId).Select(w => w.LabourRateNetCents).SingleAsync(cancellationToken);
        return new PriceListForm(services, netCents, labourRate, posted, postedLabourRate);
    }

    public static string Key(Price price) => Key(price.ItemCode, price.VehicleClass);

    public static string Key(string itemCode, VehicleClass vehicleClass) => $"{itemCode}.{vehicleClass}";
}

/// <summary>
/// A price-list form's content: the city's services, the workshop's net prices per <c>{code}.{class}</c> and its
/// labour rate, each input showing what was posted (after a refusal) or else what is stored, as a number input takes it.
/// </summary>
public sealed record PriceListForm(
    IReadOnlyList<CatalogItem> Services, IReadOnlyDictionary<string, int> NetCents, int LabourRateNetCents,
    IReadOnlyDictionary<string, string?> Posted, string? PostedLabourRate)
{
    public string Value(string code, VehicleClass vehicleClass)
    {
        var key = ChangePrices.Key(code, vehicleClass);
        return Posted.TryGetValue(key, out var posted) ? posted ?? "" : NetCents.TryGetValue(key, out var cents) ? EuroInput.Format(cents) : "";
    }

    public string LabourRate => PostedLabourRate ?? EuroInput.Format(LabourRateNetCents);
}
