using Autowartung.Admin.Web.Csv;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Autowartung.Admin.Web.Pages;

/// <summary>
/// All cities at a glance: status, readiness, service area and partner workshops; the same as CSV
/// (<c>?handler=csv</c>). Readiness is assessed for the cities on their way (onboarding, pilot, paused); a
/// live city has passed the gate and is not assessed again here, which keeps the page quick with many cities.
/// </summary>
public sealed class IndexModel(
    PlatformDbContext db, AssessReadiness readiness, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformUrls urls,
    UndeliverableMessages undeliverable, IStringLocalizer<UiText> text) : PageModel
{
    /// <summary>A city's row; <paramref name="CriteriaMet"/> is null where readiness is not assessed (live cities).</summary>
    public sealed record CityRow(string Name, string Slug, CityStatus Status, int? CriteriaMet, int PostalCodes, int Workshops, Uri Url);

    public int CriteriaCount { get; private set; } = 7;

    public IReadOnlyList<CityRow> Cities { get; private set; } = [];

    /// <summary>Messages waiting for an admin's decision, shown beside the link to them.</summary>
    public int Undeliverable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Undeliverable = await undeliverable.CountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var table = new CsvTable(text["Stadt"], text["Subdomain"], text["Status"], text["Kriterien erfüllt"], text["Postleitzahlen"], text["Partnerwerkstätten"], text["Adresse"]);
        foreach (var city in Cities)
            table.Add(city.Name, city.Slug, StatusText.Of(city.Status), city.CriteriaMet is { } met ? $"{met}/{CriteriaCount}" : "",
                city.PostalCodes, city.Workshops, city.Url.ToString());
        return table.ToFile("staedte.csv");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The platform team sees every city: this overview deliberately reads across tenants.
        var workshopsPerCity = await db.PartnerWorkshops.AcrossTenants()
            .GroupBy(w => EF.Property<Guid>(w, MultiTenantModel.TenantIdProperty))
            .Select(g => new { CityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CityId, x => x.Count, cancellationToken);

        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { Tenant = new CityTenantInfo(c.Id, c.Slug, c.Name, c.Status, c.TimeZoneId), PostalCodes = c.ServiceArea.Count })
            .ToListAsync(cancellationToken);

        var rows = new List<CityRow>();
        foreach (var (city, postalCodes) in cities.Select(c => (c.Tenant, c.PostalCodes)))
        {
            int? met = null;
            if (city.Status != CityStatus.Live)
                using (tenancy.BeginScope(city))
                {
                    var criteria = await readiness.RunAsync(cancellationToken);
                    (met, CriteriaCount) = (criteria.Count(c => c.Met), criteria.Count);
                }
            rows.Add(new CityRow(city.Name, city.Identifier, city.Status, met, postalCodes, workshopsPerCity.GetValueOrDefault(city.Id), urls.City(city.Identifier)));
        }
        Cities = rows;
    }
}
