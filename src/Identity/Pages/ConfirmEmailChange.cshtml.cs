using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Identity.Pages;

/// <summary>The link sent to a new address: only then does the account change to it.</summary>
public sealed class ConfirmEmailChangeModel(UserManager<PlatformUser> users, AuditLog audit) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code)) return;
        var result = await users.ChangeEmailAsync(user, email, code);
        if (!result.Succeeded) return;
        await users.SetUserNameAsync(user, email);
        await audit.RecordAsync(AuditAction.EmailChanged, HttpContext.GetAuditOrigin(), user.Id, cancellationToken: cancellationToken);
        Changed = true;
    }
}
