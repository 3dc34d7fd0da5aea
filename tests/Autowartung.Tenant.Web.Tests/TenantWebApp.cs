using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>Tenant.Web in-process on its own database with four cities, one in each status that matters.</summary>
public sealed class TenantWebApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public PlatformAppFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452", "58453"], "Kfz-Meisterbetrieb Helenenberg");
        await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"], "Werkstatt am Phoenixsee");
        await Database.AddCityAsync("hattingen", "Hattingen", CityStatus.Onboarding, ["45525"], "Werkstatt Hattingen");
        await Database.AddCityAsync("herne", "Herne", CityStatus.Paused, ["44623"], "Werkstatt Herne");
        Factory = new PlatformAppFactory<Program>(Database);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
