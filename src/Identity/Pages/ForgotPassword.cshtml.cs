using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>Asks for a reset link. The answer is the same for every address.</summary>
[EnableRateLimiting(IdentityService.AccountEmailLimit)]
public sealed class ForgotPasswordModel(UserManager<PlatformUser> users, AccountEmails emails, AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
    [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email);
        // Also for light accounts made by a booking: the link sets their first password.
        if (user is { IsDisabled: false })
        {
            await emails.SendPasswordResetAsync(user, cancellationToken);
            await audit.RecordAsync(AuditAction.PasswordResetRequested, HttpContext.GetAuditOrigin(), user.Id, cancellationToken: cancellationToken);
        }
        Sent = true;
        return Page();
    }
}
