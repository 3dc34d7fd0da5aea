using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Workshops;

/// <summary>
/// Adds a partner workshop to a city or changes one, as the admin app does it. A new workshop starts with
/// what the features above add in the same transaction (<see cref="INewWorkshopStep"/>): the template price
/// list and labour rate, which it then owns, and, when asked, the standard capacity template of pickup windows. The PLZ it serves must lie in the city's area. Deactivating takes it out
/// of quotes and slots and keeps everything else. Audited; runs in the city's tenant scope.
/// </summary>
public sealed class SaveWorkshop(
    PlatformDbContext db, PostalCodeDirectory postalCodes, IEnumerable<INewWorkshopStep> newWorkshopSteps, AuditLog audit, TimeProvider clock)
{
    /// <summary>One weekday's hours as the form sends them: both empty means closed that day.</summary>
    public sealed record Day(DayOfWeek Weekday, TimeOnly? Opens, TimeOnly? Closes);

    public sealed record Request(
        string? Name, string? Street, string? PostalCode, string? Town, string? ServedPostalCodes, IReadOnlyList<Day> OpeningHours,
        bool WithCapacityTemplate = false);

    /// <summary>Weekdays 07:30–18:00, Saturdays 08:00–13:00: what a new workshop's form suggests.</summary>
    public static IReadOnlyList<Day> UsualHours { get; } =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new Day(d, new TimeOnly(7, 30), new TimeOnly(18, 0))),
        new(DayOfWeek.Saturday, new TimeOnly(8, 0), new TimeOnly(13, 0)),
        new(DayOfWeek.Sunday, null, null),
    ];

    public async Task<Result<PartnerWorkshop>> CreateAsync(Request request, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = await ValidateAsync(request, null, errors, cancellationToken);
        if (valid is null) return Result.Invalid(errors);

        var workshop = PartnerWorkshop.Create(valid.Name, valid.Address, valid.Served, clock.GetUtcNow());
        workshop.Update(valid.Name, valid.Address, valid.Served, valid.Hours);
        db.PartnerWorkshops.Add(workshop);
        foreach (var step in newWorkshopSteps) step.Add(workshop, request);
        if (!await SaveAsync(cancellationToken)) return DuplicateName;
        await audit.RecordAsync(AuditAction.WorkshopCreated, origin, actorUserId: adminId, detail: workshop.Name, cancellationToken: cancellationToken);
        return workshop;
    }

    public async Task<Result<PartnerWorkshop>> UpdateAsync(Guid workshopId, Request request, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var workshop = await db.PartnerWorkshops.SingleOrDefaultAsync(w => w.Id == workshopId, cancellationToken);
        if (workshop is null) return Result.NotFound();
        var errors = new Dictionary<string, string[]>();
        var valid = await ValidateAsync(request, workshopId, errors, cancellationToken);
        if (valid is null) return Result.Invalid(errors);

        workshop.Update(valid.Name, valid.Address, valid.Served, valid.Hours);
        if (!await SaveAsync(cancellationToken)) return DuplicateName;
        await audit.RecordAsync(AuditAction.WorkshopUpdated, origin, actorUserId: adminId, detail: workshop.Name, cancellationToken: cancellationToken);
        return workshop;
    }

    /// <summary>Activates or deactivates; not found when the workshop is not the city's.</summary>
    public async Task<Result> SetActiveAsync(Guid workshopId, bool active, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var workshop = await db.PartnerWorkshops.SingleOrDefaultAsync(w => w.Id == workshopId, cancellationToken);
        if (workshop is null) return Result.NotFound();
        if (workshop.IsActive == active) return Result.Ok;
        if (active) workshop.Activate();
        else workshop.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(active ? AuditAction.WorkshopActivated : AuditAction.WorkshopDeactivated, origin, actorUserId: adminId,
            detail: workshop.Name, cancellationToken: cancellationToken);
        return Result.Ok;
    }

    private sealed record Valid(string Name, Address Address, IReadOnlyList<PostalCode> Served, IReadOnlyList<OpeningPeriod> Hours);

    private async Task<Valid?> ValidateAsync(Request request, Guid? workshopId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        void Require(bool ok, string field, string message) { if (!ok) errors[field] = [message]; }

        var name = request.Name?.Trim();
        Require(name is { Length: >= 2 and <= 120 }, "name", "Bitte den Namen der Werkstatt angeben (2 bis 120 Zeichen).");
        if (name is { Length: >= 2 and <= 120 } && await db.PartnerWorkshops.AnyAsync(w => w.Name == name && w.Id != workshopId, cancellationToken))
            errors["name"] = [NameTaken];
        var street = request.Street?.Trim();
        Require(street is { Length: >= 3 and <= 120 }, "street", "Bitte Straße und Hausnummer angeben.");
        var town = request.Town?.Trim();
        Require(town is { Length: >= 2 and <= 80 }, "town", "Bitte den Ort angeben.");
        PostalCode? addressCode = PostalCode.TryParse(request.PostalCode, out var parsed) && postalCodes.Exists(parsed.Value) ? parsed : null;
        Require(addressCode is not null, "postalCode", "Bitte die Postleitzahl der Werkstatt angeben.");

        var served = PostalCodeList.Parse(request.ServedPostalCodes, postalCodes, out var servedError);
        if (servedError is not null) errors["servedPostalCodes"] = [servedError];
        else
        {
            var area = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId)
                .SelectMany(c => c.ServiceArea.Select(p => p.Code)).ToListAsync(cancellationToken);
            var outside = served!.Select(p => p.Value).Except(area).ToList();
            if (outside.Count > 0)
                errors["servedPostalCodes"] = [$"Nicht im Gebiet der Stadt: {string.Join(", ", outside.Take(10))}{(outside.Count > 10 ? " …" : "")}."];
        }

        var hours = new List<OpeningPeriod>();
        foreach (var day in request.OpeningHours)
        {
            if (day.Opens is null && day.Closes is null) continue;
            if (day.Opens is { } opens && day.Closes is { } closes && closes > opens) hours.Add(new OpeningPeriod(day.Weekday, opens, closes));
            else errors[$"openingHours.{day.Weekday}"] = ["Bitte Öffnung und Schluss angeben, Schluss nach der Öffnung (oder beides leer: geschlossen)."];
        }
        if (hours.Count == 0 && !errors.Keys.Any(k => k.StartsWith("openingHours", StringComparison.Ordinal)))
            errors["openingHours"] = ["Bitte die Öffnungszeiten an mindestens einem Tag angeben."];

        return errors.Count > 0 ? null : new Valid(name!, new Address(street!, addressCode!.Value.Value, town!), served!, hours);
    }

    private const string NameTaken = "In dieser Stadt gibt es schon eine Werkstatt mit diesem Namen.";

    private static Failure DuplicateName => Result.Invalid("name", NameTaken);

    /// <summary>False when another workshop of the city took the name a moment ago: the unique index decided.</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
