using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Expansion;

/// <summary>
/// The go-live gate. A city moves <c>Onboarding → Pilot → Live</c> (and to and from <c>Paused</c>) only along
/// the moves that exist, and into Pilot or Live only when every expansion criterion is met; a refusal names
/// each unmet one (a conflict whose <see cref="Failure.Details"/> are the unmet <see cref="Criterion"/>s). Pausing is always allowed from a public city: it stops new bookings, running orders go
/// on. Every move is audited with who, when and why (the admin page asks for the why; an API client may
/// leave it out, and the audit says so), and every instance hears of it (<see cref="CityChanges"/>).
/// Runs in the city's tenant scope.
/// </summary>
public sealed class ChangeCityStatus(PlatformDbContext db, AssessReadiness readiness, AuditLog audit, CityChanges changes)
{
    public async Task<Result<CityStatus>> RunAsync(CityStatus target, string? reason, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var city = await db.Cities.SingleOrDefaultAsync(c => c.Id == db.CurrentTenantId, cancellationToken);
        if (city is null) return Result.NotFound();
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: < 3 or > 300 }) return Result.Invalid("reason", "Der Grund hat 3 bis 300 Zeichen.");
        var from = city.Status;
        if (!City.CanMove(from, target))
            return Result.Conflict($"Von „{StatusText.German(from)}“ geht es nicht nach „{StatusText.German(target)}“.");

        if (target is CityStatus.Pilot or CityStatus.Live)
        {
            var unmet = (await readiness.RunAsync(cancellationToken)).Where(c => !c.Met).ToList();
            if (unmet.Count > 0)
                return Result.Conflict($"Noch nicht erfüllt: {string.Join("; ", unmet.Select(c => c.Title))}.", (IReadOnlyList<Criterion>)unmet);
        }

        city.MoveTo(target);
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(city, cancellationToken);
        await audit.RecordAsync(AuditAction.CityStatusChanged, origin, actorUserId: adminId, cityId: city.Id,
            detail: $"{from} → {target}: {why ?? "ohne Angabe eines Grundes"}", cancellationToken: cancellationToken);
        return target;
    }
}
