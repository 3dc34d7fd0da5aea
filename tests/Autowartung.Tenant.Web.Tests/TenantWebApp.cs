using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>Tenant.Web with four cities, one in each status that matters.</summary>
public sealed class TenantWebApp : AppFixture<Program>
{
    protected override async Task SeedAsync()
    {
        await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452", "58453"], "Kfz-Meisterbetrieb Helenenberg");
        await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"], "Werkstatt am Phoenixsee");
        await Database.AddCityAsync("hattingen", "Hattingen", CityStatus.Onboarding, ["45525"], "Werkstatt Hattingen");
        await Database.AddCityAsync("herne", "Herne", CityStatus.Paused, ["44623"], "Werkstatt Herne");
    }
}
