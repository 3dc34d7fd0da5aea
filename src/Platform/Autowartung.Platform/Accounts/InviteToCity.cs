using System.ComponentModel.DataAnnotations;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Accounts;

/// <summary>A platform admin invites a jockey or a workshop's staff member to a city by email; the invitation and its email are one commit.</summary>
public sealed class InviteToCity(PlatformDbContext db, IOutbox outbox, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(string Email, MembershipRole Role, Guid? WorkshopId);

    /// <summary>Ok when the invitation went out, else invalid naming <c>email</c>, <c>role</c> or <c>workshopId</c>. Runs in the city's tenant scope.</summary>
    public async Task<Result> RunAsync(
        CityTenantInfo city, Request request, Guid invitedBy, Func<string, Uri> acceptLink, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!new EmailAddressAttribute().IsValid(request.Email) || string.IsNullOrWhiteSpace(request.Email))
            errors["email"] = ["Bitte eine gültige E-Mail-Adresse angeben."];
        if (request.Role == MembershipRole.Customer)
            errors["role"] = ["Eingeladen werden Fahrer und Werkstattpersonal; Kunden registrieren sich selbst."];
        if (request.Role == MembershipRole.WorkshopStaff &&
            (request.WorkshopId is not { } workshopId || !await db.PartnerWorkshops.AnyAsync(w => w.Id == workshopId, cancellationToken)))
            errors["workshopId"] = ["Bitte eine Partnerwerkstatt dieser Stadt wählen."];
        if (errors.Count > 0) return Result.Invalid(errors);

        var (invitation, token) = Invitation.Create(request.Email, request.Role,
            request.Role == MembershipRole.WorkshopStaff ? request.WorkshopId : null, invitedBy, clock.GetUtcNow());
        db.Invitations.Add(invitation);
        outbox.AddEmail(EmailTemplate.Build(invitation.Email, $"Einladung: Autowartung {city.Name}",
            [$"Sie sind eingeladen, bei Autowartung {city.Name} als {request.Role.Label()} mitzuarbeiten.",
             $"Über den Link legen Sie Ihr Passwort fest{(request.Role.RequiresTwoFactor() ? " und richten die Anmeldung mit zweitem Faktor ein" : "")}. Er gilt bis {invitation.ExpiresAt.ToOffset(city.TimeZone.GetUtcOffset(invitation.ExpiresAt)):dd.MM.yyyy HH:mm} Uhr und nur einmal."],
            "Einladung annehmen", acceptLink(token)), "city-invitation");
        await db.SaveChangesAsync(cancellationToken);

        await audit.RecordAsync(AuditAction.InvitationSent, origin, actorUserId: invitedBy, cityId: city.Id,
            detail: $"invitation {invitation.Id:N} as {request.Role}", cancellationToken: cancellationToken);
        return Result.Ok;
    }
}
