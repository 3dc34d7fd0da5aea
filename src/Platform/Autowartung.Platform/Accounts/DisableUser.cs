using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// Locks a person out of the whole platform: no new sign-ins, and a new security stamp ends their
/// sessions and tokens on every app within <see cref="AccessOptions.CacheDuration"/>.
/// </summary>
public sealed class DisableUser(PlatformDbContext db, AuditLog audit, UserAccessReader access)
{
    public async Task<bool> RunAsync(Guid userId, Guid disabledBy, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.IsDisabled) return false;
        user.IsDisabled = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await db.SaveChangesAsync(cancellationToken);
        access.Evict(userId);
        await audit.RecordAsync(AuditAction.UserDisabled, origin, userId, actorUserId: disabledBy, cancellationToken: cancellationToken);
        return true;
    }
}
