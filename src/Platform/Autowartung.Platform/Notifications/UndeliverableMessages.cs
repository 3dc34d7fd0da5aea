using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// What platform admins see of the outbox: the messages that could not be delivered, newest first, and
/// the two decisions about each: send it again (after the mail server or address was fixed) or let it go.
/// The recipient is shown masked: enough to recognise a typo, not a list of addresses.
/// </summary>
public sealed class UndeliverableMessages(PlatformDbContext db, TimeProvider clock)
{
    public sealed record Item(
        Guid Id, string Kind, string? City, string Recipient, string Subject, int Attempts, string? LastError,
        DateTimeOffset CreatedAt, DateTimeOffset? GaveUpAt);

    public enum Decision { Retry, Discard }

    public const string NoLongerUndeliverable = "Diese Nachricht ist nicht mehr unzustellbar: Sie wurde schon erneut gesendet oder verworfen.";

    public async Task<IReadOnlyList<Item>> ListAsync(int limit = 200, CancellationToken cancellationToken = default)
    {
        var rows = await (
            from m in db.OutboxMessages.AsNoTracking()
            where m.Status == OutboxStatus.Undeliverable
            join c in db.Cities.AsNoTracking() on m.CityId equals c.Id into cities
            from c in cities.DefaultIfEmpty()
            orderby m.GaveUpAt descending
            select new { m.Id, m.Kind, City = c == null ? null : c.Name, m.Recipient, m.Subject, m.Attempts, m.LastError, m.CreatedAt, m.GaveUpAt })
            .Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.Id, r.Kind, r.City, Mask(r.Recipient), r.Subject, r.Attempts, r.LastError, r.CreatedAt, r.GaveUpAt)).ToList();
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Undeliverable, cancellationToken);

    /// <returns>Ok once decided; not found; a conflict when another admin (or a retry) decided first.</returns>
    public async Task<Result> DecideAsync(Guid id, Decision decision, CancellationToken cancellationToken = default)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null) return Result.NotFound();
        var now = clock.GetUtcNow();
        var changed = decision == Decision.Retry ? message.Retry(now) : message.Discard(now);
        if (!changed) return Result.Conflict(NoLongerUndeliverable);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary><c>max.muster@example.de</c> → <c>m•••r@example.de</c>.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return "•••";
        var local = address[..at];
        var shown = local.Length <= 2 ? $"{local[0]}•••" : $"{local[0]}•••{local[^1]}";
        return shown + address[at..];
    }
}
