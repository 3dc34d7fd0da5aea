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
    /// <returns>Ok once locked out; not found for no such person; a conflict when they are locked out already (nothing is recorded twice).</returns>
    public async Task<Result> RunAsync(Guid userId, Guid disabledBy, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return Result.NotFound();
        if (user.IsDisabled) return Result.Conflict("Dieses Konto ist schon gesperrt.");
        user.IsDisabled = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await db.SaveChangesAsync(cancellationToken);
        access.Evict(userId);
        await audit.RecordAsync(AuditAction.UserDisabled, origin, userId, actorUserId: disabledBy, cancellationToken: cancellationToken);
        return Result.Ok;
    }
}
