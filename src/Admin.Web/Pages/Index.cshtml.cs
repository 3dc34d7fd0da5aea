using Autowartung.Admin.Web.Csv;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Autowartung.Admin.Web.Pages;

/// <summary>All cities at a glance: status, service area and partner workshops; the same as CSV (<c>?handler=csv</c>).</summary>
public sealed class IndexModel(PlatformDbContext db, PlatformUrls urls, IStringLocalizer<UiText> text) : PageModel
{
    public sealed record CityRow(string Name, string Slug, CityStatus Status, int PostalCodes, int Workshops, Uri Url);

    public IReadOnlyList<CityRow> Cities { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var table = new CsvTable(text["Stadt"], text["Subdomain"], text["Status"], text["Postleitzahlen"], text["Partnerwerkstätten"], text["Adresse"]);
        foreach (var city in Cities)
            table.Add(city.Name, city.Slug, text[StatusLabel(city.Status)].Value, city.PostalCodes, city.Workshops, city.Url.ToString());
        return table.ToFile("staedte.csv");
    }

    public static string StatusLabel(CityStatus status) => status switch
    {
        CityStatus.Onboarding => "Im Aufbau",
        CityStatus.Pilot => "Pilotbetrieb",
        CityStatus.Live => "In Betrieb",
        _ => "Pausiert",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
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
