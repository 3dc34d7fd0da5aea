using Autowartung.Platform.Demo;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Tests;

/// <summary>A database with the demo seed: the vehicle catalog, Witten and Dortmund with services and prices.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Services = Database.CreateServices();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class VehicleCatalogTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private async Task<(IdentifiedVehicle? Vehicle, Dictionary<string, string[]> Errors)> IdentifyAsync(VehicleInput input)
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var identified = await scope.ServiceProvider.GetRequiredService<IdentifyVehicle>().RunAsync(input);
        return identified.Succeeded ? (identified.Value, []) : (null, identified.Failure.Errors.ToDictionary());
    }

    private async Task<Result<ImportVehicleCatalog.Imported>> ImportAsync(string csv)
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImportVehicleCatalog>().RunAsync(new StringReader(csv));
    }

    private const string Header = "make;model;yearFrom;yearTo;fuels;class;keyNumbers\n";

    [Fact]
    public async Task DemoCatalog_HasAtLeastFortyModels_WithKeyNumbers()
    {
        Assert.True(await seeded.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_models") >= 40);
        Assert.True(await seeded.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_key_numbers") >= 40);
    }

    [Fact]
    public async Task Identify_ByMakeModelYearAndFuel_FindsTheClass()
    {
        var (vehicle, errors) = await IdentifyAsync(new VehicleInput("volkswagen", "Golf", 2019, "diesel", 87000, null, null));

        Assert.Empty(errors);
        Assert.Equal(("Volkswagen", "Golf", VehicleClass.Compact, FuelType.Diesel), (vehicle!.Make, vehicle.Model, vehicle.Class, vehicle.Fuel));
    }

    [Fact]
    public async Task Identify_ByKeyNumbers_FindsModelAndFuel()
    {
        var (vehicle, errors) = await IdentifyAsync(new VehicleInput(null, null, null, null, null, "0005", "ckc"));

        Assert.Empty(errors);
        Assert.Equal(("BMW", "3er", FuelType.Diesel, VehicleClass.Midsize), (vehicle!.Make, vehicle.Model, vehicle.Fuel, vehicle.Class));
    }

    [Theory]
    [InlineData("Trabant", "601", 1980, "Petrol", "vehicle.make")]
    [InlineData("Volkswagen", "Käfer", 2019, "Petrol", "vehicle.model")]
    [InlineData("Volkswagen", "ID.3", 2019, "Electric", "vehicle.year")]
    [InlineData("Volkswagen", "ID.3", 2022, "Diesel", "vehicle.fuel")]
    [InlineData("Volkswagen", "Golf", 1890, "Petrol", "vehicle.year")]
    [InlineData("Volkswagen", "Golf", 2019, "Kerosin", "vehicle.fuel")]
    public async Task Identify_ExplainsWhatIsWrong(string make, string model, int year, string fuel, string field)
    {
        var (vehicle, errors) = await IdentifyAsync(new VehicleInput(make, model, year, fuel, 50000, null, null));

        Assert.Null(vehicle);
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("603", "BGU", "vehicle.hsn")]
    [InlineData("0603", "BG", "vehicle.tsn")]
    [InlineData("9999", "ZZZ", "vehicle.tsn")]
    public async Task Identify_ByKeyNumbers_ExplainsWhatIsWrong(string hsn, string tsn, string field)
    {
        var (_, errors) = await IdentifyAsync(new VehicleInput(null, null, null, null, null, hsn, tsn));

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public async Task Identify_RefusesAnImpossibleMileage()
    {
        var (_, errors) = await IdentifyAsync(new VehicleInput("Volkswagen", "Golf", 2019, "Petrol", -1, null, null));

        Assert.Contains("vehicle.mileageKm", errors.Keys);
    }

    [Fact]
    public async Task Import_WithBadLines_NamesEachAndWritesNothing()
    {
        var before = await seeded.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_models");
        var csv = Header +
                  "Dacia;Sandero;2021;;Petrol;Small;\n" +
                  "Dacia;Duster;2018;2015;Petrol;SuvVan;\n" +
                  "Dacia;Spring;2021;;Electric;Tiny;3002/AAA:Electric\n";

        var result = await ImportAsync(csv);

        var lines = Assert.Single(result.Failure!.Errors, e => e.Key == "file").Value;
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Zeile 3:", lines[0]);
        Assert.StartsWith("Zeile 4:", lines[1]);
        Assert.Equal(before, await seeded.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_models"));
    }

    [Fact]
    public async Task Import_AddsNewModels_AndUpdatesKnownOnes()
    {
        var csv = Header +
                  "Cupra;Born;2021;;Electric;Compact;7593/CUB:Electric\n" +
                  "Fiat;500;2007;2024;Petrol|Hybrid|Electric;Small;4136/AIW:Petrol\n";

        var result = await ImportAsync(csv);

        Assert.True(result.Succeeded, string.Join(" ", result.Failure?.Errors.Values.SelectMany(e => e) ?? []));
        Assert.Equal((1, 1), (result.Value.Added, result.Value.Updated));
        var (born, _) = await IdentifyAsync(new VehicleInput(null, null, null, null, null, "7593", "CUB"));
        Assert.Equal("Born", born!.Model);
        var (fiat, _) = await IdentifyAsync(new VehicleInput("Fiat", "500", 2020, "Electric", null, null, null));
        Assert.NotNull(fiat);
        Assert.Null((await IdentifyAsync(new VehicleInput(null, null, null, null, null, "4136", "AIX"))).Vehicle);   // replaced key numbers
    }

    [Fact]
    public async Task Import_WithAWrongHeader_SaysWhatItShouldBe()
    {
        var result = await ImportAsync("Hersteller;Modell\nVW;Golf\n");

        Assert.Contains("Kopfzeile", Assert.Single(result.Failure!.Errors["file"]));
    }

    [Fact]
    public void PostalCodeDirectory_KnowsAssignedCodes()
    {
        var directory = new PostalCodeDirectory();

        Assert.True(directory.Count > 8000);
        Assert.True(directory.Exists(PostalCode.Parse("58452")));
        Assert.True(directory.Exists(PostalCode.Parse("10115")));
        Assert.False(directory.Exists(PostalCode.Parse("99999")));
    }
}
