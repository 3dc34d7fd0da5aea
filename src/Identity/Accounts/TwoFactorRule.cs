using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Identity.Accounts;

/// <summary>Platform admins and workshop staff (of any city) must sign in with a second factor; others may.</summary>
public sealed class TwoFactorRule(PlatformDbContext db)
{
    public async Task<bool> IsRequiredAsync(PlatformUser user, CancellationToken cancellationToken = default) =>
        user.IsPlatformAdmin
        || await db.Memberships.AcrossTenants()   // a person's roles in every city decide, before any city is chosen
            .AnyAsync(m => m.UserId == user.Id && m.RevokedAt == null && m.Role == MembershipRole.WorkshopStaff, cancellationToken);
}
