using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>The city's coming pickups and returns for its admins, those that found no jockey first. Runs in the city's tenant scope.</summary>
public sealed class OpenTasks(PlatformDbContext db, TimeProvider clock)
{
    public sealed record Item(
        Guid Id, string BookingNumber, JockeyTaskKind Kind, DateTimeOffset StartUtc, DateTimeOffset EndUtc, JockeyTaskStatus Status,
        Guid? JockeyUserId, string? Jockey, DateTimeOffset? UnstaffedSince);

    public async Task<IReadOnlyList<Item>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var rows = await (
            from task in db.JockeyTasks.AsNoTracking()
            where (task.Status == JockeyTaskStatus.Unassigned || task.Status == JockeyTaskStatus.Assigned) && task.EndUtc > now
            join user in db.Users.AsNoTracking() on task.JockeyUserId equals user.Id into jockeys
            from jockey in jockeys.DefaultIfEmpty()
            orderby task.UnstaffedSince == null, task.StartUtc
            select new { task, Jockey = jockey == null ? null : jockey.DisplayName ?? jockey.Email })
            .Take(limit).ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.task.Id, Bookings.Booking.NumberFor(r.task.BookingId), r.task.Kind, r.task.StartUtc, r.task.EndUtc, r.task.Status,
            r.task.JockeyUserId, r.Jockey, r.task.UnstaffedSince)).ToList();
    }
}
