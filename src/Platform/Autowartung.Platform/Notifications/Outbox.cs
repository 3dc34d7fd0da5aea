using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// Where use cases put the messages their change causes. The message is added to the caller's
/// <see cref="PlatformDbContext"/>, so it is committed by the caller's own <c>SaveChanges</c> (and its
/// transaction, when there is one), or not at all; nothing is sent during the request.
/// </summary>
public interface IOutbox
{
    /// <param name="kind">What the message is, e.g. <c>booking-confirmation</c>: no personal data, it is logged.</param>
    /// <returns>The row, tracked as added.</returns>
    OutboxMessage AddEmail(EmailMessage email, string kind);

    /// <summary>
    /// Adds the email and saves it at once: for a message whose cause a library saved already (Identity's
    /// UserManager saves an account before its token exists), so there is no transaction of ours to join.
    /// </summary>
    Task AddEmailNowAsync(EmailMessage email, string kind, CancellationToken cancellationToken);
}

/// <summary>The outbox over the request's or job's <see cref="PlatformDbContext"/>; records the current city, when there is one.</summary>
public sealed class EmailOutbox(PlatformDbContext db, TimeProvider clock) : IOutbox
{
    public OutboxMessage AddEmail(EmailMessage email, string kind)
    {
        var message = OutboxMessage.Email(email, kind, (db.TenantInfo as CityTenantInfo)?.Id, clock.GetUtcNow());
        db.OutboxMessages.Add(message);
        return message;
    }

    public async Task AddEmailNowAsync(EmailMessage email, string kind, CancellationToken cancellationToken)
    {
        AddEmail(email, kind);
        await db.SaveChangesAsync(cancellationToken);
    }
}
