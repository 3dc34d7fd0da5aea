using Autowartung.MultiTenancy;

namespace Autowartung.Platform.Cities;

/// <summary>The tenant as requests and jobs see it: a small, cacheable snapshot of the city.</summary>
public sealed record CityTenantInfo(Guid Id, string Identifier, string Name, CityStatus Status, string TimeZoneId) : ITenantInfo
{
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
