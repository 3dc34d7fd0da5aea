using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Autowartung.Identity.Pages;

/// <summary>
/// Sets up the authenticator app: for a signed-in person from the account page, or half-way through a
/// sign-in when the person's role demands a second factor they do not have yet.
/// </summary>
public sealed class TwoFactorSetupModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users,
    AuditLog audit) : AccountPageModel(cities, urls)
{
    [BindProperty]
    [Required(ErrorMessage = "Bitte geben Sie den Code aus Ihrer Authenticator-App ein.")]
    public string Code { get; set; } = "";

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        var user = await CurrentUserAsync();
        if (user is null) return RedirectToPage("/SignIn", ContextRoute);
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        var user = await CurrentUserAsync();
        if (user is null) return RedirectToPage("/SignIn", ContextRoute);
        await LoadKeyAsync(user);
        if (!ModelState.IsValid) return Page();

        var code = new string(Code.Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und versuchen Sie es erneut.");
            Code = "";
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await audit.RecordAsync(AuditAction.TwoFactorEnabled, HttpContext.GetAuditOrigin(), user.Id, cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditAction.SignInSucceeded, HttpContext.GetAuditOrigin(), user.Id, cityId: City?.Id, detail: "with second factor", cancellationToken: cancellationToken);
        return Redirect(Destination.ToString());
    }

    private async Task<PlatformUser?> CurrentUserAsync() =>
        User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : await signIn.GetTwoFactorAuthenticationUserAsync();

    private async Task LoadKeyAsync(PlatformUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = key!;
        var uri = $"otpauth://totp/{Uri.EscapeDataString($"Autowartung:{user.Email}")}?secret={SharedKey}&issuer=Autowartung&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
