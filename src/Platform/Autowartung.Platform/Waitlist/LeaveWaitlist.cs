using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>Removes an entry from the link in any waitlist email: the row is deleted, address and all.</summary>
public sealed class LeaveWaitlist(PlatformDbContext db)
{
    /// <summary>Whether there was an entry to delete. Removing twice is no error.</summary>
    public async Task<bool> RunAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        await db.WaitlistEntries.Where(e => e.Id == entryId).ExecuteDeleteAsync(cancellationToken) > 0;
}
