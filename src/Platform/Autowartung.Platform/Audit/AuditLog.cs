using System.Security.Cryptography;
using System.Text;
using Autowartung.Platform.Data;

namespace Autowartung.Platform.Audit;

/// <summary>Where the event came from: filled in by the web app from the request.</summary>
public sealed record AuditOrigin(string? IpAddress, string? UserAgent)
{
    public static AuditOrigin None { get; } = new(null, null);
}

/// <summary>Writes audit entries. Each call saves at once, so an entry survives a later failure of the same request.</summary>
public sealed class AuditLog(PlatformDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(
        AuditAction action, AuditOrigin origin, Guid? userId = null, Guid? actorUserId = null, Guid? cityId = null,
        string? attemptedEmail = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.AuditLog.Add(AuditEntry.Create(action, clock.GetUtcNow(), userId, actorUserId, cityId ?? db.TenantInfo?.Id,
            attemptedEmail is null ? null : HashEmail(attemptedEmail), origin.IpAddress, origin.UserAgent, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string HashEmail(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));
}
