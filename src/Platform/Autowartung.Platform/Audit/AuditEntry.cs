namespace Autowartung.Platform.Audit;

/// <summary>
/// One security-relevant event: who, when, from where, what. Never a password, code or token.
/// Platform-wide, because sign-ins happen before any city is known; the city is recorded when there is one.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public AuditAction Action { get; private set; }

    /// <summary>The person the event is about, when known.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The person who did it, when it is someone else (an admin inviting or revoking).</summary>
    public Guid? ActorUserId { get; private set; }

    public Guid? CityId { get; private set; }

    /// <summary>SHA-256 of the normalised email of a failed attempt on no known account: correlates attacks without keeping the address.</summary>
    public string? EmailHash { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string? Detail { get; private set; }

    public static AuditEntry Create(
        AuditAction action, DateTimeOffset now, Guid? userId = null, Guid? actorUserId = null, Guid? cityId = null,
        string? emailHash = null, string? ipAddress = null, string? userAgent = null, string? detail = null) =>
        new()
        {
            Action = action,
            OccurredAt = now,
            UserId = userId,
            ActorUserId = actorUserId,
            CityId = cityId,
            EmailHash = emailHash,
            IpAddress = ipAddress,
            UserAgent = userAgent?[..Math.Min(userAgent.Length, 300)],
            Detail = detail,
        };
}

public enum AuditAction
{
    SignInSucceeded,
    SignInFailed,
    LockedOut,
    SignedOut,
    Registered,
    EmailConfirmed,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    EmailChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TokenIssued,
    InvitationSent,
    InvitationAccepted,
    MembershipGranted,
    MembershipRevoked,
    UserDisabled,
    CityCreated,
    CityUpdated,
    CityStatusChanged,
    ExpansionAttested,
    WorkshopCreated,
    WorkshopUpdated,
    WorkshopDeactivated,
    WorkshopActivated,
    PricesChanged,
    TestRunCompleted,
    JockeyTaskDeclined,
    JockeyTaskMoved,
    BookingMoved,
    ProtocolRecorded,
    ExtensionSent,
    ExtensionDecided,
}
