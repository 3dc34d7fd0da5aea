namespace Autowartung.Platform.Vehicles;

/// <summary>
/// One model of the vehicle catalog, for a span of model years, with the fuels it was built with and
/// its price class. Platform-wide: a Golf is a Golf in every city.
/// </summary>
public sealed class VehicleModel
{
    private List<FuelType> _fuels = [];

    private VehicleModel() { }

    public Guid Id { get; private set; }

    public string Make { get; private set; } = "";

    public string Model { get; private set; } = "";

    public int YearFrom { get; private set; }

    /// <summary>The last model year, or null while it is still built.</summary>
    public int? YearTo { get; private set; }

    public IReadOnlyList<FuelType> Fuels => _fuels;

    public VehicleClass Class { get; private set; }

    public static VehicleModel Create(string make, string model, int yearFrom, int? yearTo, IEnumerable<FuelType> fuels, VehicleClass vehicleClass) =>
        new() { Id = Guid.CreateVersion7(), Make = make.Trim(), Model = model.Trim(), YearFrom = yearFrom, YearTo = yearTo, _fuels = fuels.Distinct().Order().ToList(), Class = vehicleClass };

    public void Update(int? yearTo, IEnumerable<FuelType> fuels, VehicleClass vehicleClass)
    {
        YearTo = yearTo;
        _fuels = fuels.Distinct().Order().ToList();
        Class = vehicleClass;
    }

    public bool Covers(int year) => year >= YearFrom && (YearTo is null || year <= YearTo);
}

/// <summary>
/// The key numbers of the registration document (Zulassungsbescheinigung Teil I, fields 2.1 and 2.2):
/// HSN for the manufacturer, TSN for type and variant. They name one model and one fuel.
/// </summary>
public sealed class VehicleKeyNumber
{
    private VehicleKeyNumber() { }

    public string Hsn { get; private set; } = "";

    public string Tsn { get; private set; } = "";

    public Guid VehicleModelId { get; private set; }

    public FuelType Fuel { get; private set; }

    public static VehicleKeyNumber Create(string hsn, string tsn, Guid vehicleModelId, FuelType fuel) =>
        new() { Hsn = hsn, Tsn = tsn.ToUpperInvariant(), VehicleModelId = vehicleModelId, Fuel = fuel };
}
