using Autowartung.Platform.Cities;
using Autowartung.Platform.Waitlist;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Tenant.Web.Hosting;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Tenant.Web.Pages.Waitlist;

/// <summary>
/// The waitlist for a PLZ no public city serves: email and consent. A PLZ that a public city serves by
/// now leads there instead. Whatever the address, a valid sign-up gets the same answer.
/// </summary>
[ApexOnly]
[EnableRateLimiting(Apex.WaitlistSignUpLimit)]
public sealed class JoinModel(LocatePostalCode locate, JoinWaitlist join, PlatformUrls urls) : FormPageModel
{
    [BindProperty(SupportsGet = true, Name = "plz")] public string? Plz { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Consent { get; set; }

    /// <summary>Null when the PLZ is not one; the waitlist form is shown only for a real one.</summary>
    public string? PostalCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Request.Query.ContainsKey("plz")) return Page();
        var location = await locate.RunAsync(Plz, cancellationToken);
        if (location.ServedBy is { } city) return Redirect(urls.Entrance(city, location.PostalCode!.Value).ToString());
        if (location.Error is { } error)
        {
            ModelState.AddModelError(nameof(Plz), error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        PostalCode = location.PostalCode!.Value.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var joined = await join.RunAsync(new JoinWaitlist.Request(Email, Plz, Consent), cancellationToken);
        if (joined.Succeeded) return RedirectToPage("Sent");

        var errors = joined.Failure.Errors;
        if (errors.TryGetValue("postalCode", out var postalCodeErrors)) ModelState.AddModelError(nameof(Plz), postalCodeErrors[0]);
        else PostalCode = Plz!.Trim();
        if (errors.TryGetValue("email", out var emailErrors)) ModelState.AddModelError(nameof(Email), emailErrors[0]);
        if (errors.TryGetValue("consent", out var consentErrors)) ModelState.AddModelError(nameof(Consent), consentErrors[0]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
