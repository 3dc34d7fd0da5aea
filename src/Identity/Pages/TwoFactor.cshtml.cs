using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>The second step: the six-digit code of the authenticator app.</summary>
[EnableRateLimiting(IdentityService.SignInLimit)]
public sealed class TwoFactorModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, SignInManager<PlatformUser> signIn,
    SignInFailures failures, AuditLog audit) : AccountPageModel(cities, urls)
{
    [BindProperty]
    [Required(ErrorMessage = "Bitte geben Sie den Code aus Ihrer Authenticator-App ein.")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/SignIn", ContextRoute) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/SignIn", ContextRoute);
        if (!ModelState.IsValid) return Page();

        var wasLockedOut = await failures.WasLockedOutAsync(user);
        var code = new string(Code.Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        var origin = HttpContext.GetAuditOrigin();
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignInSucceeded, origin, user.Id, cityId: City?.Id, detail: "with second factor", cancellationToken: cancellationToken);
            return Redirect(Destination.ToString());
        }

        await failures.RecordAsync(user, result, wasLockedOut, "second factor", origin, City?.Id, cancellationToken);
        ModelState.AddModelError(string.Empty, "Der Code stimmt nicht, oder die Anmeldung ist gerade gesperrt.");
        Code = "";
        return Page();
    }
}
