using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>The owner of the address confirms the entry from the link in the email; from then on it counts as demand.</summary>
public sealed class ConfirmWaitlistEntry(PlatformDbContext db, TimeProvider clock)
{
    /// <summary>The confirmed entry, or not found when there is none (removed, or deleted unconfirmed).</summary>
    public async Task<Result<WaitlistEntry>> RunAsync(Guid entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null) return Result.NotFound();
        entry.Confirm(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
