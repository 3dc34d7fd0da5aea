using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Tenant.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages;

/// <summary>
/// The front door: a city's landing page on its subdomain, the platform's on the apex. The apex asks for
/// a PLZ (<c>/?plz=…</c>) and sends the visitor to the public city that serves it, or to the waitlist.
/// </summary>
[ServesApex]
public sealed class IndexModel(PlatformDbContext db, PlatformUrls urls, LocatePostalCode locate) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "plz")] public string? Plz { get; set; }

    public CityTenantInfo? City { get; private set; }

    public IReadOnlyList<string> ServiceArea { get; private set; } = [];

    public IReadOnlyList<string> Workshops { get; private set; } = [];

    public IReadOnlyList<(string Name, CityStatus Status, Uri Url)> PublicCities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>();
        if (City is null && Request.Query.ContainsKey("plz"))
        {
            var location = await locate.RunAsync(Plz, cancellationToken);
            if (location.ServedBy is { } city) return Redirect(urls.Entrance(city, location.PostalCode!.Value).ToString());
            if (location.Error is null) return RedirectToPage("/Waitlist/Join", new { plz = location.PostalCode!.Value.Value });
            ModelState.AddModelError(nameof(Plz), location.Error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (City is null)
        {
            var cities = await db.Cities.AsNoTracking()
                .Where(c => c.Status != CityStatus.Onboarding)
                .OrderBy(c => c.Name)
                .Select(c => new { c.Name, c.Status, c.Slug })
                .ToListAsync(cancellationToken);
            PublicCities = cities.Select(c => (c.Name, c.Status, urls.City(c.Slug))).ToList();
            return Page();
        }

        var cityId = City.Id;
        ServiceArea = await db.Cities.AsNoTracking().Where(c => c.Id == cityId)
            .SelectMany(c => c.ServiceArea.Select(p => p.Code)).OrderBy(code => code).ToListAsync(cancellationToken);
        // Tenant-owned: the query filter limits this to the city of the request.
        Workshops = await db.PartnerWorkshops.AsNoTracking().Where(w => w.IsActive)
            .OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        return Page();
    }

    public Uri SignIn(LoginArea area) => urls.SignIn(City?.Identifier, area, urls.City(City!.Identifier));
}
