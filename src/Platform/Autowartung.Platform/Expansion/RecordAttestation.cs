using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Expansion;

/// <summary>
/// An admin vouches for what the data cannot tell: a workshop's or a jockey's training (when, by which
/// trainer) or the local marketing (with a note). The subject must belong to the city. Audited. Runs in
/// the city's tenant scope.
/// </summary>
public sealed class RecordAttestation(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(AttestationKind? Kind, Guid? SubjectId, DateOnly? Date, string? Trainer, string? Note);

    public async Task<Result> RunAsync(Request request, Guid adminId, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (request.Kind is null) errors["kind"] = ["Bitte angeben, was bestätigt wird."];
        if (request.Date is not { } date || date > today.AddDays(1) || date < today.AddYears(-2)) errors["date"] = ["Bitte das Datum angeben (nicht in der Zukunft, höchstens zwei Jahre zurück)."];
        var training = request.Kind is AttestationKind.WorkshopTraining or AttestationKind.JockeyTraining;
        if (training && request.Trainer?.Trim() is not { Length: >= 2 and <= 120 }) errors["trainer"] = ["Bitte den Namen der Trainerin oder des Trainers angeben."];
        if (request.Kind == AttestationKind.Marketing && request.Note?.Trim() is not { Length: >= 3 and <= 500 }) errors["note"] = ["Bitte kurz beschreiben, was vorbereitet ist."];
        var subjectKnown = request.Kind switch
        {
            AttestationKind.WorkshopTraining => await db.PartnerWorkshops.AnyAsync(w => w.Id == request.SubjectId && w.IsActive, cancellationToken),
            AttestationKind.JockeyTraining => await db.Memberships.AnyAsync(m => m.UserId == request.SubjectId && m.Role == MembershipRole.Jockey && m.RevokedAt == null, cancellationToken),
            _ => true,
        };
        if (!subjectKnown) errors["subjectId"] = ["Diese Werkstatt oder diesen Fahrer gibt es in der Stadt nicht."];
        if (errors.Count > 0) return Result.Invalid(errors);

        db.ExpansionAttestations.Add(ExpansionAttestation.Create(request.Kind!.Value, request.Kind == AttestationKind.Marketing ? null : request.SubjectId,
            request.Date!.Value, request.Trainer, request.Note, adminId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.ExpansionAttested, origin, actorUserId: adminId, detail: $"{request.Kind} {request.Date:yyyy-MM-dd}", cancellationToken: cancellationToken);
        return Result.Ok;
    }
}
