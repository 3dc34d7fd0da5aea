using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Waitlist;

/// <summary>
/// Where a PLZ typed on the public landing leads: to the public city that serves it, or to the waitlist.
/// A city still in onboarding serves nobody yet, and the answer must not give it away: its PLZ goes
/// to the waitlist like any other.
/// </summary>
public sealed class LocatePostalCode(PlatformDbContext db, PostalCodeDirectory postalCodes)
{
    public sealed record ServingCity(string Slug, string Name, CityStatus Status);

    /// <summary>Either <see cref="Error"/>, or the PLZ with the public city that serves it, if any.</summary>
    public sealed record Location(PostalCode? PostalCode, ServingCity? ServedBy, string? Error);

    public async Task<Location> RunAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (!Geography.PostalCode.TryParse(text, out var postalCode)) return new(null, null, "Die Postleitzahl hat fünf Ziffern.");
        if (!postalCodes.Exists(postalCode.Value)) return new(null, null, "Diese Postleitzahl gibt es nicht.");
        var code = postalCode.Value.Value;
        var city = await db.Cities.AsNoTracking()
            .Where(c => c.Status != CityStatus.Onboarding && c.ServiceArea.Any(p => p.Code == code))
            .Select(c => new ServingCity(c.Slug, c.Name, c.Status))
            .SingleOrDefaultAsync(cancellationToken);
        return new(postalCode, city, null);
    }
}
