using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages;

/// <summary>The front door: a city's landing page on its subdomain, the platform's on the apex.</summary>
public sealed class IndexModel(PlatformDbContext db, PlatformUrls urls) : PageModel
{
    public CityTenantInfo? City { get; private set; }

    public IReadOnlyList<string> ServiceArea { get; private set; } = [];

    public IReadOnlyList<string> Workshops { get; private set; } = [];

    public IReadOnlyList<(string Name, CityStatus Status, Uri Url)> PublicCities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>();
        if (City is null)
        {
            var cities = await db.Cities.AsNoTracking()
                .Where(c => c.Status != CityStatus.Onboarding)
                .OrderBy(c => c.Name)
                .Select(c => new { c.Name, c.Status, c.Slug })
                .ToListAsync(cancellationToken);
            PublicCities = cities.Select(c => (c.Name, c.Status, urls.City(c.Slug))).ToList();
            return;
        }

        var cityId = City.Id;
        ServiceArea = await db.Cities.AsNoTracking().Where(c => c.Id == cityId)
            .SelectMany(c => c.ServiceArea.Select(p => p.Code)).OrderBy(code => code).ToListAsync(cancellationToken);
        // Tenant-owned: the query filter limits this to the city of the request.
        Workshops = await db.PartnerWorkshops.AsNoTracking().Where(w => w.IsActive)
            .OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
    }

    public Uri SignIn(LoginArea area) => urls.SignIn(City?.Identifier, area, urls.City(City!.Identifier));
}
