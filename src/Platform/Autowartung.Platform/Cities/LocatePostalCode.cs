using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Cities;

/// <summary>
/// Where a PLZ someone typed leads: it must have five digits and exist, and then it belongs to the public
/// city that serves it, or to none. A city still in onboarding serves nobody yet, and the answer must not
/// give it away. The apex landing, the waitlist and a city's quotes all ask this.
/// </summary>
public sealed class LocatePostalCode(PlatformDbContext db, PostalCodeDirectory postalCodes)
{
    public sealed record ServingCity(string Slug, string Name, CityStatus Status);

    /// <summary>Either <see cref="Error"/>, or the PLZ with the public city that serves it, if any.</summary>
    public sealed record Location(PostalCode? PostalCode, ServingCity? ServedBy, string? Error);

    public async Task<Location> RunAsync(string? text, CancellationToken cancellationToken = default)
    {
        var (postalCode, error) = Check(text);
        return postalCode is { } code ? new(code, await PublicCityServingAsync(code, cancellationToken), null) : new(null, null, error);
    }

    /// <summary>The PLZ, or why it is none: without asking the database.</summary>
    public (PostalCode? PostalCode, string? Error) Check(string? text) =>
        !PostalCode.TryParse(text, out var postalCode) ? (null, "Die Postleitzahl hat fünf Ziffern.")
        : !postalCodes.Exists(postalCode.Value) ? (null, "Diese Postleitzahl gibt es nicht.")
        : (postalCode, null);

    public Task<ServingCity?> PublicCityServingAsync(PostalCode postalCode, CancellationToken cancellationToken = default) =>
        db.Cities.AsNoTracking()
            .Where(c => c.Status != CityStatus.Onboarding && c.ServiceArea.Any(p => p.Code == postalCode.Value))
            .Select(c => new ServingCity(c.Slug, c.Name, c.Status))
            .SingleOrDefaultAsync(cancellationToken);
}
