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
/// The link from the email. Opening it only shows a button: mail scanners that fetch links must not
/// use it up. Signing in renews the security stamp, which makes the link single-use.
/// </summary>
[EnableRateLimiting(IdentityService.SignInLimit)]
public sealed class RedeemSignInLinkModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn,
    TwoFactorRule twoFactor, AuditLog audit, UserAccessReader access) : AccountPageModel(cities, urls)
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadContextAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(Code) || user.TwoFactorEnabled
            || await twoFactor.IsRequiredAsync(user, cancellationToken)
            || !await users.VerifyUserTokenAsync(user, SignInLinkTokenProvider.ProviderName, SignInLinkTokenProvider.Purpose, Code))
        {
            Invalid = true;
            return Page();
        }

        // The link reached this address: that confirms it. A new stamp makes the link single-use.
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        access.Evict(user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        await audit.RecordAsync(AuditAction.SignInSucceeded, HttpContext.GetAuditOrigin(), user.Id, cityId: City?.Id, detail: "email link", cancellationToken: cancellationToken);
        return Redirect(Destination.ToString());
    }
}
