using Autowartung.Platform.Cities;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Workshops;

namespace Autowartung.Testing;

/// <summary>Creates cities and their workshops the way the platform would, for tests that need a few.</summary>
public static class CityData
{
    public static async Task<CityTenantInfo> AddCityAsync(
        this TestDatabase database, string slug, string name, CityStatus status, IEnumerable<string> postalCodes, params string[] workshops)
    {
        var area = postalCodes.Select(PostalCode.Parse).ToList();
        await using var db = database.CreateContext();
        var city = City.Create(slug, name, "Europe/Berlin", area, DateTimeOffset.UtcNow);
        city.ForceStatus(status);
        db.Cities.Add(city);
        await db.SaveChangesAsync();

        var tenant = city.ToTenantInfo();
        using (database.Tenancy.BeginScope(tenant))
        {
            foreach (var workshop in workshops)
                db.PartnerWorkshops.Add(PartnerWorkshop.Create(workshop, new Address("Teststraße 1", area[0].Value, name), area, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        return tenant;
    }

}
