namespace Autowartung.Platform.Vehicles;

public enum FuelType
{
    Petrol,
    Diesel,
    Hybrid,
    Electric,
}

/// <summary>The price class of a vehicle: what a workshop's price list is keyed by.</summary>
public enum VehicleClass
{
    /// <summary>Kleinwagen: Polo, Corsa, Fiesta.</summary>
    Small,

    /// <summary>Kompaktklasse: Golf, Astra, A3.</summary>
    Compact,

    /// <summary>Mittelklasse: Passat, 3er, C-Klasse.</summary>
    Midsize,

    /// <summary>Oberklasse: 5er, E-Klasse, A6.</summary>
    Large,

    /// <summary>SUV und Van: Tiguan, X3, Touran.</summary>
    SuvVan,
}

public static class VehicleLabels
{
    public static string Label(this FuelType fuel) => fuel switch
    {
        FuelType.Petrol => "Benzin",
        FuelType.Diesel => "Diesel",
        FuelType.Hybrid => "Hybrid",
        FuelType.Electric => "Elektro",
        _ => throw new ArgumentOutOfRangeException(nameof(fuel)),
    };

    public static string Label(this VehicleClass vehicleClass) => vehicleClass switch
    {
        VehicleClass.Small => "Kleinwagen",
        VehicleClass.Compact => "Kompaktklasse",
        VehicleClass.Midsize => "Mittelklasse",
        VehicleClass.Large => "Oberklasse",
        VehicleClass.SuvVan => "SUV/Van",
        _ => throw new ArgumentOutOfRangeException(nameof(vehicleClass)),
    };
}
