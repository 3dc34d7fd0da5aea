using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages;

/// <summary>All cities at a glance: status, service area and partner workshops.</summary>
public sealed class IndexModel(PlatformDbContext db, PlatformUrls urls) : PageModel
{
    public sealed record CityRow(string Name, string Slug, CityStatus Status, int PostalCodes, int Workshops, Uri Url);

    public IReadOnlyList<CityRow> Cities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The platform team sees every city: this overview deliberately reads across tenants.
        var workshopsPerCity = await db.PartnerWorkshops.AcrossTenants()
            .GroupBy(w => EF.Property<Guid>(w, MultiTenantModel.TenantIdProperty))
            .Select(g => new { CityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CityId, x => x.Count, cancellationToken);

        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Slug, c.Status, PostalCodes = c.ServiceArea.Count })
            .ToListAsync(cancellationToken);

        Cities = cities
            .Select(c => new CityRow(c.Name, c.Slug, c.Status, c.PostalCodes, workshopsPerCity.GetValueOrDefault(c.Id), urls.City(c.Slug)))
            .ToList();
    }
}
