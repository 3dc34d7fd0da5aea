using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Identity.Pages;

/// <summary>The person's own account: password, email address, second factor, and signing out everywhere.</summary>
[Authorize]
public sealed class AccountModel(
    UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, TwoFactorRule twoFactor, AccountEmails emails, AuditLog audit,
    UserAccessReader access)
    : PageModel
{
    public PlatformUser Person { get; private set; } = null!;

    public bool TwoFactorRequired { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
    public string? NewEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Challenge();

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Challenge();
        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), "Bitte bisheriges und neues Passwort eingeben.");
            return Page();
        }
        var result = await users.ChangePasswordAsync(Person, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(Person);   // this session goes on with the new security stamp; all others end
        access.Evict(Person.Id);
        await audit.RecordAsync(AuditAction.PasswordChanged, HttpContext.GetAuditOrigin(), Person.Id, cancellationToken: cancellationToken);
        Message = "Ihr Passwort ist geändert. Auf anderen Geräten müssen Sie sich neu anmelden.";
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Challenge();
        if (string.IsNullOrWhiteSpace(NewEmail) || !ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(NewEmail), "Das ist keine gültige E-Mail-Adresse.");
            return Page();
        }
        // Sent whether or not the address is taken: confirming a taken one fails there, and says nothing here.
        await emails.SendChangeEmailAsync(Person, NewEmail.Trim(), cancellationToken);
        Message = $"Wir haben einen Bestätigungslink an {NewEmail.Trim()} geschickt.";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Challenge();
        if (TwoFactorRequired) return StatusCode(StatusCodes.Status409Conflict);
        await users.SetTwoFactorEnabledAsync(Person, false);
        await users.ResetAuthenticatorKeyAsync(Person);
        await signIn.RefreshSignInAsync(Person);
        await audit.RecordAsync(AuditAction.TwoFactorDisabled, HttpContext.GetAuditOrigin(), Person.Id, cancellationToken: cancellationToken);
        Message = "Der zweite Faktor ist ausgeschaltet.";
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Challenge();
        await users.UpdateSecurityStampAsync(Person);
        access.Evict(Person.Id);
        await signIn.SignOutAsync();
        await audit.RecordAsync(AuditAction.SignedOut, HttpContext.GetAuditOrigin(), Person.Id, detail: "everywhere", cancellationToken: cancellationToken);
        return RedirectToPage("/SignIn");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } person) return false;
        Person = person;
        TwoFactorRequired = await twoFactor.IsRequiredAsync(person, cancellationToken);
        return true;
    }
}
