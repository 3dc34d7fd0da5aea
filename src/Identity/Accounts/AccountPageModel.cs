using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Identity.Accounts;

/// <summary>
/// What every step of signing in carries along: the city and login area the person came from, and the
/// return URL, accepted only when it points at one of the platform's own hosts.
/// </summary>
public abstract class AccountPageModel(ITenantStore<CityTenantInfo> cities, PlatformUrls urls) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "city")]
    public string? CitySlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "area")]
    public string? AreaSlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public CityTenantInfo? City { get; private set; }

    public LoginArea Area { get; private set; }

    /// <summary>Where the person goes once signed in: the validated return URL, else their city's or the platform's front page.</summary>
    public Uri Destination { get; private set; } = null!;

    protected PlatformUrls Urls => urls;

    /// <summary>The city, area and return URL as query values, for links to the next step.</summary>
    public object ContextRoute => new { city = City?.Identifier, area = Area.Slug(), returnUrl = ReturnUrl };

    protected async Task LoadContextAsync(CancellationToken cancellationToken)
    {
        Area = LoginAreas.TryParse(AreaSlug, out var area) ? area : LoginArea.Customer;
        if (CitySlug is { Length: > 0 and <= 63 } slug
            && await cities.TryGetByIdentifierAsync(slug.ToLowerInvariant(), cancellationToken) is { } city
            && city.Status.IsPublic())
            City = city;

        var returnUrl = Uri.TryCreate(ReturnUrl, UriKind.Absolute, out var parsed) && urls.IsPlatformUrl(parsed) ? parsed : null;
        ReturnUrl = returnUrl?.ToString();
        Destination = returnUrl ?? (Area == LoginArea.Admin ? urls.Admin : City is null ? urls.Apex : urls.City(City.Identifier));
    }
}
