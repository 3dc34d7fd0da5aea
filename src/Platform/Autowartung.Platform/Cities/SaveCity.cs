using Autowartung.MultiTenancy;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Cities;

/// <summary>
/// Creates a city (in <see cref="CityStatus.Onboarding"/>, invisible to the public, with the template
/// service catalog) or changes one. Every
/// field is checked and named when wrong; the service area is given as ranges or a pasted list, each PLZ
/// must exist, and a PLZ another city already serves is refused by name. The database's unique index
/// has the last word when two admins race for the same PLZ.
/// </summary>
public sealed class SaveCity(
    PlatformDbContext db, PostalCodeDirectory postalCodes, AuditLog audit, CityChanges changes,
    MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public sealed record Request(
        string? Slug, string? Name, string? ServiceArea, string? TimeZone, int? ConciergeFeeCents, int? PilotDailyBookingCap,
        int? FreeCancellationHours, int? LateCancellationFeeCents, int? MinimumReplacementCars, int? ReturnKmAllowance = null);

    public async Task<Result<City>> CreateAsync(Request request, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var slug = request.Slug?.Trim().ToLowerInvariant();
        if (CitySlug.Validate(slug) is { } slugError) errors["slug"] = [slugError];
        else if (await db.Cities.AnyAsync(c => c.Slug == slug, cancellationToken)) errors["slug"] = [$"Die Subdomain „{slug}“ ist schon vergeben."];
        var (settings, area) = await ValidateAsync(request, null, errors, cancellationToken);
        if (errors.Count > 0) return Result.Invalid(errors);

        var city = City.Create(slug!, settings!.Name, settings.TimeZoneId, area, clock.GetUtcNow(), settings.ConciergeFeeCents,
            settings.PilotDailyBookingCap, settings.FreeCancellationHours, settings.LateCancellationFeeCents, settings.MinimumReplacementCars,
            settings.ReturnKmAllowance);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Cities.Add(city);
        if (await SaveAsync(cancellationToken) is { } raced) return raced;
        using (tenancy.BeginScope(city.ToTenantInfo()))
        {
            db.CatalogItems.AddRange(CatalogTemplate.Create());
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.CityCreated, origin, actorUserId: adminId, cityId: city.Id, detail: $"{city.Slug}: {city.Name}", cancellationToken: cancellationToken);
        return city;
    }

    public async Task<Result<City>> UpdateAsync(string slug, Request request, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var city = await db.Cities.Include(c => c.ServiceArea).SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (city is null) return Result.NotFound();
        var errors = new Dictionary<string, string[]>();
        var (settings, area) = await ValidateAsync(request with { ReturnKmAllowance = request.ReturnKmAllowance ?? city.ReturnKmAllowance }, city.Id, errors, cancellationToken);
        if (errors.Count > 0) return Result.Invalid(errors);

        city.Update(settings!, area);
        if (await SaveAsync(cancellationToken) is { } raced) return raced;
        await changes.PublishAsync(city, cancellationToken);   // name and time zone are part of the cached tenant
        await audit.RecordAsync(AuditAction.CityUpdated, origin, actorUserId: adminId, cityId: city.Id, detail: city.Slug, cancellationToken: cancellationToken);
        return city;
    }

    private async Task<(CitySettings? Settings, IReadOnlyList<PostalCode> Area)> ValidateAsync(
        Request request, Guid? cityId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        void Require(bool ok, string field, string message) { if (!ok) errors[field] = [message]; }

        var name = request.Name?.Trim();
        Require(name is { Length: >= 2 and <= 100 }, "name", "Bitte den Namen der Stadt angeben (2 bis 100 Zeichen).");
        Require(request.TimeZone is { } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId, "timeZone",
            "Bitte eine Zeitzone wie Europe/Berlin angeben.");
        Require(request.ConciergeFeeCents is >= 0 and <= 100_000, "conciergeFeeCents", "Die Servicegebühr liegt zwischen 0 und 1.000 €.");
        Require(request.PilotDailyBookingCap is >= 1 and <= 1000, "pilotDailyBookingCap", "Die Tagesgrenze im Pilotbetrieb liegt zwischen 1 und 1.000 Buchungen.");
        Require(request.FreeCancellationHours is >= 0 and <= 336, "freeCancellationHours", "Die kostenlose Stornofrist liegt zwischen 0 und 336 Stunden.");
        Require(request.LateCancellationFeeCents is >= 0 and <= 100_000, "lateCancellationFeeCents", "Die Stornogebühr liegt zwischen 0 und 1.000 €.");
        Require(request.MinimumReplacementCars is >= 0 and <= 500, "minimumReplacementCars", "Die Mindestzahl an Ersatzwagen liegt zwischen 0 und 500.");
        Require(request.ReturnKmAllowance is null or (>= 0 and <= 1000), "returnKmAllowance", "Die erlaubten Kilometer zwischen Abholung und Rückgabe liegen zwischen 0 und 1.000.");

        var area = PostalCodeList.Parse(request.ServiceArea, postalCodes, out var areaError);
        if (areaError is not null) errors["serviceArea"] = [areaError];
        else if (await TakenAsync(area!, cityId, cancellationToken) is { } taken) errors["serviceArea"] = [taken];

        if (errors.Count > 0) return (null, []);
        return (new CitySettings(name!, request.TimeZone!, request.ConciergeFeeCents!.Value, request.PilotDailyBookingCap!.Value,
            request.FreeCancellationHours!.Value, request.LateCancellationFeeCents!.Value, request.MinimumReplacementCars!.Value,
            request.ReturnKmAllowance ?? City.DefaultReturnKmAllowance), area!);
    }

    /// <summary>Names the PLZ that other cities already serve, or null.</summary>
    private async Task<string?> TakenAsync(IReadOnlyList<PostalCode> area, Guid? cityId, CancellationToken cancellationToken)
    {
        var codes = area.Select(p => p.Value).ToList();
        var taken = await db.Cities.AsNoTracking().Where(c => c.Id != cityId)
            .SelectMany(c => c.ServiceArea.Where(p => codes.Contains(p.Code)).Select(p => new { p.Code, c.Name }))
            .OrderBy(p => p.Code).Take(11).ToListAsync(cancellationToken);
        if (taken.Count == 0) return null;
        var listed = string.Join(", ", taken.Take(10).Select(t => $"{t.Code} ({t.Name})"));
        return $"Diese Postleitzahlen bedient schon eine andere Stadt: {listed}{(taken.Count > 10 ? " …" : "")}.";
    }

    /// <summary>Saves, or names the field another admin took a moment ago (the unique index decides).</summary>
    private async Task<Failure?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return Result.Invalid(unique.ConstraintName?.Contains("slug", StringComparison.Ordinal) == true ? "slug" : "serviceArea",
                "Eine andere Stadt hat das gerade für sich eingetragen. Bitte neu laden und prüfen.");
        }
    }
}
