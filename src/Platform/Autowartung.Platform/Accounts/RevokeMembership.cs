using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// Ends a person's role in a city. Every app stops honouring it within <see cref="AccessOptions.CacheDuration"/>;
/// this process at once. Runs in the city's tenant scope.
/// </summary>
public sealed class RevokeMembership(PlatformDbContext db, AuditLog audit, UserAccessReader access, IJockeyAvailability jockeys, TimeProvider clock)
{
    /// <returns>Ok once revoked; not found when the person holds no such role in this city (any more).</returns>
    public async Task<Result> RunAsync(Guid userId, MembershipRole role, Guid revokedBy, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId && m.Role == role && m.RevokedAt == null, cancellationToken);
        if (membership is null) return Result.NotFound();

        membership.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        access.Evict(userId);
        await audit.RecordAsync(AuditAction.MembershipRevoked, origin, userId, actorUserId: revokedBy, detail: role.ToString(), cancellationToken: cancellationToken);
        if (role == MembershipRole.Jockey) await jockeys.ChangedAsync(userId, cancellationToken);   // their tasks go to others at once
        return Result.Ok;
    }
}
