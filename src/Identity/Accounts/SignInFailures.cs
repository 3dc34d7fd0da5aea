using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace Autowartung.Identity.Accounts;

/// <summary>
/// What a failed sign-in step leaves behind, whichever door it came through (password, code, API):
/// an audit entry, and when this very failure locked the account, an email to its owner.
/// </summary>
public sealed class SignInFailures(UserManager<PlatformUser> users, AuditLog audit, AccountEmails emails)
{
    /// <summary>Call before the attempt: whether the account was locked already.</summary>
    public Task<bool> WasLockedOutAsync(PlatformUser user) => users.IsLockedOutAsync(user);

    public async Task RecordAsync(
        PlatformUser user, SignInResult result, bool wasLockedOut, string step, AuditOrigin origin, Guid? cityId, CancellationToken cancellationToken)
    {
        if (result.IsLockedOut && !wasLockedOut)
        {
            await audit.RecordAsync(AuditAction.LockedOut, origin, user.Id, cityId: cityId, detail: step, cancellationToken: cancellationToken);
            await emails.SendLockedOutAsync(user, cancellationToken);
            return;
        }
        var reason = result.IsLockedOut ? "locked out" : user.IsDisabled ? "disabled" : result.IsNotAllowed ? "email not confirmed" : "wrong " + step;
        await audit.RecordAsync(AuditAction.SignInFailed, origin, user.Id, cityId: cityId, detail: reason, cancellationToken: cancellationToken);
    }
}
