using System.ComponentModel.DataAnnotations;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Identity.Pages;

/// <summary>The link from the reset email. Setting a new password ends every other session (new security stamp).</summary>
public sealed class ResetPasswordModel(UserManager<PlatformUser> users, AuditLog audit, UserAccessReader access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Bitte wählen Sie ein neues Passwort.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email);
        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, Code, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), error.Description);
            return Page();
        }
        if (!user!.EmailConfirmed)
        {
            // The link reached this address: that confirms it (a light account from a booking).
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        access.Evict(user.Id);
        await audit.RecordAsync(AuditAction.PasswordReset, HttpContext.GetAuditOrigin(), user!.Id, cancellationToken: cancellationToken);
        Done = true;
        return Page();
    }
}
