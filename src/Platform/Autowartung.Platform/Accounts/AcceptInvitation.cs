using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// Turns an open invitation into an active membership of the person who accepts it. An invitation is
/// used once: when two accept at the same moment the database lets exactly one through.
/// Runs in the city's tenant scope.
/// </summary>
public sealed class AcceptInvitation(PlatformDbContext db, AuditLog audit, UserAccessReader access, TimeProvider clock)
{
    public Task<Invitation?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = Invitation.Hash(token);
        return db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    /// <returns>Ok when the membership is granted; a conflict whose <see cref="Failure.Details"/> is the <see cref="InvitationState"/> (used or expired) otherwise.</returns>
    public async Task<Result> RunAsync(Invitation invitation, Guid userId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (invitation.StateAt(now) is not InvitationState.Open and var state) return Closed(state);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, userId), cancellationToken);
        if (claimed == 0) return Closed(InvitationState.Used);

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId && m.Role == invitation.Role, cancellationToken);
        if (membership is null) db.Memberships.Add(Membership.Grant(userId, invitation.Role, invitation.WorkshopId, now));
        else membership.Reinstate(invitation.WorkshopId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        access.Evict(userId);
        await audit.RecordAsync(AuditAction.InvitationAccepted, origin, userId, detail: $"invitation {invitation.Id:N}", cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditAction.MembershipGranted, origin, userId, actorUserId: invitation.InvitedByUserId,
            detail: invitation.Role.ToString(), cancellationToken: cancellationToken);
        return Result.Ok;
    }

    private static Failure Closed(InvitationState state) =>
        Result.Conflict(state == InvitationState.Used ? "Diese Einladung wurde schon angenommen." : "Diese Einladung ist abgelaufen.", state);
}
