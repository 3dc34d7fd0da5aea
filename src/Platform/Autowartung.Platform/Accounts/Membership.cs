namespace Autowartung.Platform.Accounts;

/// <summary>
/// A person's role in one city (tenant-owned). Workshop staff belong to one workshop of the city.
/// Revoking keeps the row, so the history of who could do what stays readable.
/// </summary>
public sealed class Membership
{
    private Membership() { }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public MembershipRole Role { get; private set; }

    /// <summary>The workshop of a <see cref="MembershipRole.WorkshopStaff"/> membership; null for every other role.</summary>
    public Guid? WorkshopId { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static Membership Grant(Guid userId, MembershipRole role, Guid? workshopId, DateTimeOffset now)
    {
        if ((role == MembershipRole.WorkshopStaff) != workshopId.HasValue)
            throw new ArgumentException("Workshop staff belong to exactly one workshop; no other role has one.", nameof(workshopId));
        return new Membership { Id = Guid.CreateVersion7(now), UserId = userId, Role = role, WorkshopId = workshopId, GrantedAt = now };
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>Grants a revoked membership again (a returning jockey), possibly for another workshop.</summary>
    public void Reinstate(Guid? workshopId, DateTimeOffset now)
    {
        if ((Role == MembershipRole.WorkshopStaff) != workshopId.HasValue)
            throw new ArgumentException("Workshop staff belong to exactly one workshop; no other role has one.", nameof(workshopId));
        WorkshopId = workshopId;
        GrantedAt = now;
        RevokedAt = null;
    }
}
