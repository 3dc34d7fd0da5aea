using System.Security.Cryptography;
using System.Text;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// An invitation of a jockey or workshop staff member to a city (tenant-owned). Only a hash of the
/// link's token is stored; the token itself exists in the email alone.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public MembershipRole Role { get; private set; }

    public Guid? WorkshopId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public Guid InvitedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public Guid? AcceptedByUserId { get; private set; }

    /// <summary>Creates the invitation and the token for its link (returned once, never stored).</summary>
    public static (Invitation Invitation, string Token) Create(
        string email, MembershipRole role, Guid? workshopId, Guid invitedBy, DateTimeOffset now)
    {
        if (role == MembershipRole.Customer) throw new ArgumentException("Customers register themselves.", nameof(role));
        if ((role == MembershipRole.WorkshopStaff) != workshopId.HasValue)
            throw new ArgumentException("Workshop staff are invited to exactly one workshop.", nameof(workshopId));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Trim(),
            Role = role,
            WorkshopId = workshopId,
            TokenHash = Hash(token),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Used : now >= ExpiresAt ? InvitationState.Expired : InvitationState.Open;

    /// <summary>Marks the invitation used. Refuses a used or expired one.</summary>
    public InvitationState Accept(Guid userId, DateTimeOffset now)
    {
        var state = StateAt(now);
        if (state != InvitationState.Open) return state;
        AcceptedAt = now;
        AcceptedByUserId = userId;
        return InvitationState.Open;
    }
}

public enum InvitationState
{
    Open,
    Used,
    Expired,
}
