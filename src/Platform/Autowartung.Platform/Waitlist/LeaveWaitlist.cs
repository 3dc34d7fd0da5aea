using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>Removes an entry from the link in any waitlist email: the row is deleted, address and all.</summary>
public sealed class LeaveWaitlist(PlatformDbContext db)
{
    /// <summary>Ok when the entry was deleted; not found when there was none (removed already, or never confirmed and forgotten).</summary>
    public async Task<Result> RunAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        await db.WaitlistEntries.Where(e => e.Id == entryId).ExecuteDeleteAsync(cancellationToken) > 0 ? Result.Ok : Result.NotFound();
}
