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

/// <summary>
/// The one sign-in page for every city and area. A wrong address, a wrong password and a locked
/// account all get the same answer, so the page never tells whether an address has an account.
/// </summary>
[EnableRateLimiting(IdentityService.SignInLimit)]
public sealed class SignInModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn,
    TwoFactorRule twoFactor, SignInFailures failures, AuditLog audit) : AccountPageModel(cities, urls)
{
    public const string Failed = "E-Mail-Adresse oder Passwort stimmen nicht, oder die Anmeldung ist gerade gesperrt. Bitte versuchen Sie es erneut.";

    // A hash of a random password, so that an unknown address costs as much time as a known one.
    private static readonly string TimingDecoy = new PasswordHasher<PlatformUser>().HashPassword(new PlatformUser(), Guid.NewGuid().ToString());

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihr Passwort ein.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadContextAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            new PasswordHasher<PlatformUser>().VerifyHashedPassword(new PlatformUser(), TimingDecoy, Input.Password);
            await audit.RecordAsync(AuditAction.SignInFailed, HttpContext.GetAuditOrigin(), cityId: City?.Id, attemptedEmail: Input.Email, detail: "no such account", cancellationToken: cancellationToken);
            return Fail(Failed);
        }

        var wasLockedOut = await failures.WasLockedOutAsync(user);
        if (await twoFactor.IsRequiredAsync(user, cancellationToken) && !user.TwoFactorEnabled)
        {
            // The password is checked, but no session is granted before a second factor exists.
            var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
            if (!check.Succeeded) return await FailAsync(user, check, wasLockedOut, cancellationToken);
            await HalfSignIn.RememberAsync(HttpContext, user);
            return RedirectToPage("/TwoFactorSetup", ContextRoute);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return RedirectToPage("/TwoFactor", new { city = City?.Identifier, area = Area.Slug(), returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        if (!result.Succeeded) return await FailAsync(user, result, wasLockedOut, cancellationToken);

        await audit.RecordAsync(AuditAction.SignInSucceeded, HttpContext.GetAuditOrigin(), user.Id, cityId: City?.Id, cancellationToken: cancellationToken);
        return Redirect(Destination.ToString());
    }

    private async Task<IActionResult> FailAsync(PlatformUser user, Microsoft.AspNetCore.Identity.SignInResult result, bool wasLockedOut, CancellationToken cancellationToken)
    {
        await failures.RecordAsync(user, result, wasLockedOut, "password", HttpContext.GetAuditOrigin(), City?.Id, cancellationToken);
        // Only someone who knows the password learns that the address is unconfirmed, so that reveals nothing new.
        return Fail(result.IsNotAllowed && !user.IsDisabled
            ? "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Den Link haben wir Ihnen geschickt."
            : Failed);
    }

    private IActionResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }
}
