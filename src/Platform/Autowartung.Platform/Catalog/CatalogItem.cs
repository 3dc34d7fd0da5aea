using Autowartung.Platform.Vehicles;

namespace Autowartung.Platform.Catalog;

/// <summary>A service a city offers (tenant-owned): inspection, oil change, HU/AU, …</summary>
public sealed class CatalogItem
{
    private List<FuelType> _notFor = [];

    private CatalogItem() { }

    public Guid Id { get; private set; }

    /// <summary>Stable code used by price lists, quotes and the API, e.g. <c>OIL_CHANGE</c>.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>Fuels the service makes no sense for (no oil change for an electric car).</summary>
    public IReadOnlyList<FuelType> NotFor => _notFor;

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    public static CatalogItem Create(string code, string name, string description, IEnumerable<FuelType> notFor, int sortOrder) =>
        new() { Id = Guid.CreateVersion7(), Code = code, Name = name, Description = description, _notFor = notFor.ToList(), SortOrder = sortOrder, IsActive = true };

    public bool AppliesTo(FuelType fuel) => !_notFor.Contains(fuel);
}

/// <summary>The services a new city starts with; the city's admins change them from there.</summary>
public static class CatalogTemplate
{
    public static IReadOnlyList<CatalogItem> Create() =>
    [
        CatalogItem.Create("INSPECTION", "Inspektion", "Inspektion nach Herstellervorgaben, mit Stempel im Serviceheft.", [], 10),
        CatalogItem.Create("OIL_CHANGE", "Ölwechsel", "Motoröl und Ölfilter nach Herstellerfreigabe.", [FuelType.Electric], 20),
        CatalogItem.Create("HU_AU", "HU/AU (TÜV)", "Hauptuntersuchung mit Abgasuntersuchung durch eine Prüforganisation.", [], 30),
        CatalogItem.Create("BRAKES_FRONT", "Bremsen vorne", "Bremsbeläge und -scheiben an der Vorderachse.", [], 40),
        CatalogItem.Create("BRAKES_REAR", "Bremsen hinten", "Bremsbeläge und -scheiben an der Hinterachse.", [], 50),
        CatalogItem.Create("AC_SERVICE", "Klimaservice", "Kältemittel prüfen und auffüllen, Innenraumfilter wechseln.", [], 60),
        CatalogItem.Create("TYRE_CHANGE", "Räderwechsel", "Sommer- gegen Winterräder tauschen (oder umgekehrt), mit Luftdruckkontrolle.", [], 70),
    ];
}
