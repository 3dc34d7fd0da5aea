using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>
/// Asks for a sign-in link by email: for customers who booked without a password. The answer is the
/// same for every address; accounts with a second factor never get a link (it would bypass it).
/// </summary>
[EnableRateLimiting(IdentityService.AccountEmailLimit)]
public sealed class SignInLinkModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, UserManager<PlatformUser> users, TwoFactorRule twoFactor, AccountEmails emails)
    : AccountPageModel(cities, urls)
{
    [BindProperty]
    [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
    [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadContextAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();
        if (await users.FindByEmailAsync(Email) is { IsDisabled: false, TwoFactorEnabled: false } user
            && !await twoFactor.IsRequiredAsync(user, cancellationToken))
            await emails.SendSignInLinkAsync(user, City?.Identifier, ReturnUrl, cancellationToken);
        Sent = true;
        return Page();
    }
}
