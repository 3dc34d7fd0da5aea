using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>
/// Confirmed waitlist demand for planning the next city: per PLZ region (the first two digits, the
/// "Leitregion") and per PLZ, most wanted first. Counts only, never an address.
/// </summary>
public sealed class WaitlistDemand(PlatformDbContext db)
{
    public sealed record KnownCity(string Slug, string Name, CityStatus Status);

    /// <summary>A region with its confirmed entries, how many of its PLZ they name, and the cities (of any status) that serve part of it.</summary>
    public sealed record RegionDemand(string Code, int Confirmed, int PostalCodes, IReadOnlyList<KnownCity> Cities);

    /// <summary>A PLZ with its confirmed entries and the city that serves it by now, if any (for instance one created since).</summary>
    public sealed record PostalCodeDemand(string Code, int Confirmed, KnownCity? ServedBy)
    {
        public string Region => Code[..2];
    }

    public sealed record Report(IReadOnlyList<RegionDemand> Regions, IReadOnlyList<PostalCodeDemand> PostalCodes);

    public async Task<Report> RunAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.ConfirmedAt != null)
            .GroupBy(e => e.PostalCode)
            .Select(g => new { Code = g.Key, Confirmed = g.Count() })
            .ToListAsync(cancellationToken);
        // Cities are few; their areas are read whole so that regions can name them too.
        var areas = await db.Cities.AsNoTracking()
            .SelectMany(c => c.ServiceArea.Select(p => new { p.Code, City = new KnownCity(c.Slug, c.Name, c.Status) }))
            .ToListAsync(cancellationToken);
        var servedBy = areas.ToDictionary(a => a.Code, a => a.City);

        var postalCodes = counts
            .Select(c => new PostalCodeDemand(c.Code, c.Confirmed, servedBy.GetValueOrDefault(c.Code)))
            .OrderByDescending(p => p.Confirmed).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var regions = postalCodes.GroupBy(p => p.Region)
            .Select(g => new RegionDemand(g.Key, g.Sum(p => p.Confirmed), g.Count(),
                areas.Where(a => a.Code.StartsWith(g.Key, StringComparison.Ordinal)).Select(a => a.City).Distinct()
                    .OrderBy(c => c.Name, StringComparer.Ordinal).ToList()))
            .OrderByDescending(r => r.Confirmed).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        return new Report(regions, postalCodes);
    }
}
