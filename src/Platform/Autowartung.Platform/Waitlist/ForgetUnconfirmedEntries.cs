using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>
/// Deletes the entries whose confirmation link has expired unconfirmed: an address nobody confirmed
/// is kept no longer than the link could have confirmed it.
/// </summary>
public sealed class ForgetUnconfirmedEntries(PlatformDbContext db, TimeProvider clock)
{
    /// <summary>How many entries were deleted.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var expired = clock.GetUtcNow() - WaitlistEntry.ConfirmationLifetime;
        return db.WaitlistEntries.Where(e => e.ConfirmedAt == null && e.ConfirmationSentAt < expired).ExecuteDeleteAsync(cancellationToken);
    }
}
