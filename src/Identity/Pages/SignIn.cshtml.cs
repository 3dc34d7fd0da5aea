using System.ComponentModel.DataAnnotations;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Identity.Pages;

/// <summary>
/// The one sign-in page for every city and area. It shows where the visitor came from (city and login
/// area) and leads back there, but only to the platform's own hosts.
/// </summary>
public sealed class SignInModel(ITenantStore<CityTenantInfo> cities, PlatformUrls urls) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
        [Display(Name = "E-Mail-Adresse")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [DataType(DataType.Password)]
        [Display(Name = "Passwort")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "city")]
    public string? CitySlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "area")]
    public string? AreaSlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public CityTenantInfo? City { get; private set; }

    public LoginArea Area { get; private set; }

    /// <summary>Where "back" leads: the validated return URL, else the city's or the platform's front page.</summary>
    public Uri BackUrl { get; private set; } = null!;

    public bool NotYetAvailable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadContextAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();

        // The page's shell comes first; checking credentials arrives with the identity service proper.
        NotYetAvailable = true;
        Input.Password = "";
        return Page();
    }

    private async Task LoadContextAsync(CancellationToken cancellationToken)
    {
        Area = LoginAreas.TryParse(AreaSlug, out var area) ? area : LoginArea.Customer;
        if (CitySlug is { Length: > 0 and <= 63 } slug && await cities.TryGetByIdentifierAsync(slug.ToLowerInvariant(), cancellationToken) is { } city
            && city.Status.IsPublic())
            City = city;

        var returnUrl = Uri.TryCreate(ReturnUrl, UriKind.Absolute, out var parsed) && urls.IsPlatformUrl(parsed) ? parsed : null;
        ReturnUrl = returnUrl?.ToString();
        BackUrl = returnUrl ?? (City is null ? urls.Apex : urls.City(City.Identifier));
    }
}
