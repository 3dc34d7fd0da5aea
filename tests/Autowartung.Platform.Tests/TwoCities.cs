using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Platform.Tests;

/// <summary>A database with Witten and Dortmund, each with its own partner workshop.</summary>
public sealed class TwoCities : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public CityTenantInfo Witten { get; private set; } = null!;

    public CityTenantInfo Dortmund { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452", "58453"], "Werkstatt Witten");
        Dortmund = await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135", "44137"], "Werkstatt Dortmund");
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}
