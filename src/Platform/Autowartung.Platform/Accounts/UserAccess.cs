using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Accounts;

/// <summary>What a signed-in person may do right now, in the city of the request (if any).</summary>
public sealed record UserAccess(
    Guid UserId, string Email, string SecurityStamp, bool IsPlatformAdmin, bool IsEnabled,
    Guid? CityId, IReadOnlyList<CityRole> Roles)
{
    public bool Has(MembershipRole role) => Roles.Any(r => r.Role == role);

    /// <summary>The workshop of a staff member in this city.</summary>
    public Guid? WorkshopId => Roles.FirstOrDefault(r => r.Role == MembershipRole.WorkshopStaff)?.WorkshopId;
}

public sealed record CityRole(MembershipRole Role, Guid? WorkshopId);

public sealed class AccessOptions
{
    /// <summary>
    /// How long a person's access is served from memory. Revoked memberships and disabled users
    /// lose access after at most this long on every instance; it must stay under a minute.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reads a person's access for every request, from a short cache keyed by person and city, so the
/// database is asked at most once per person, city and cache period.
/// </summary>
public sealed class UserAccessReader(PlatformDbContext db, IMemoryCache cache, IOptions<AccessOptions> options)
{
    public async Task<UserAccess?> ReadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var cityId = db.TenantInfo?.Id;
        var key = $"access:{userId:N}:{Version(userId)}:{cityId:N}";
        if (cache.TryGetValue(key, out UserAccess? cached)) return cached;

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.SecurityStamp, u.IsPlatformAdmin, u.IsDisabled })
            .SingleOrDefaultAsync(cancellationToken);
        UserAccess? access = null;
        if (user is not null)
        {
            var roles = cityId is null
                ? []
                : await db.Memberships.AsNoTracking()
                    .Where(m => m.UserId == userId && m.RevokedAt == null)
                    .Select(m => new CityRole(m.Role, m.WorkshopId))
                    .ToListAsync(cancellationToken);
            access = new UserAccess(userId, user.Email ?? "", user.SecurityStamp ?? "", user.IsPlatformAdmin, !user.IsDisabled, cityId, roles);
        }
        cache.Set(key, access, options.Value.CacheDuration);
        return access;
    }

    /// <summary>
    /// Forgets a person's cached access in every city at once, in this process, after this process
    /// changed it. Other instances follow within <see cref="AccessOptions.CacheDuration"/>.
    /// </summary>
    public void Evict(Guid userId) => cache.Set(VersionKey(userId), Version(userId) + 1, TimeSpan.FromHours(1));

    // A per-person version in every cache key: bumping it retires all of that person's entries together.
    private int Version(Guid userId) => cache.TryGetValue(VersionKey(userId), out int version) ? version : 0;

    private static string VersionKey(Guid userId) => $"access-version:{userId:N}";
}
