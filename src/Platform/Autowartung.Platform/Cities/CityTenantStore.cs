using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Cities;

/// <summary>Looks cities up in PostgreSQL. Put behind the tenancy module's cache by <c>WithStore</c>.</summary>
public sealed class CityTenantStore(PlatformDbContext db) : ITenantStore<CityTenantInfo>
{
    public Task<CityTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        Project(db.Cities.Where(c => c.Slug == identifier)).SingleOrDefaultAsync(cancellationToken);

    public Task<CityTenantInfo?> TryGetAsync(Guid id, CancellationToken cancellationToken = default) =>
        Project(db.Cities.Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<CityTenantInfo?> Project(IQueryable<City> cities) =>
        cities.AsNoTracking().Select(c => new CityTenantInfo(c.Id, c.Slug, c.Name, c.Status, c.TimeZoneId));
}
