using System.Net.Mail;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Waitlist;

/// <summary>
/// Puts an email address on the waitlist for a PLZ no public city serves, and sends the confirmation.
/// The answer is the same whether the address was on the list already or not, so the form tells
/// nobody who is on it: a repeated sign-up writes no second entry and sends the confirmation again only
/// while the entry is unconfirmed, and not more than once in <see cref="WaitlistEntry.ResendInterval"/>.
/// The confirmation goes into the outbox with the entry (or with its resend), in one commit.
/// </summary>
public sealed class JoinWaitlist(PlatformDbContext db, LocatePostalCode locate, IOutbox outbox, IWaitlistLinks links, TimeProvider clock)
{
    public sealed record Request(string? Email, string? PostalCode, bool Consent);

    /// <summary>Ok when the confirmation is on its way, or was already; else invalid naming <c>email</c>, <c>postalCode</c> or <c>consent</c>.</summary>
    public async Task<Result> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var location = await locate.RunAsync(request.PostalCode, cancellationToken);
        if (location.Error is { } postalCodeError) errors["postalCode"] = [postalCodeError];
        else if (location.ServedBy is not null) errors["postalCode"] = ["Diese Postleitzahl betreut schon eine unserer Städte."];
        var address = request.Email is null ? null : WaitlistEntry.NormalizeEmail(request.Email);
        if (!IsDeliverable(address)) errors["email"] = ["Bitte eine gültige E-Mail-Adresse angeben."];
        if (!request.Consent) errors["consent"] = ["Bitte willigen Sie ein, dass wir Ihnen dazu schreiben dürfen."];
        if (errors.Count > 0) return Result.Invalid(errors);

        var postalCode = location.PostalCode!.Value;
        var now = clock.GetUtcNow();
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Email == address && e.PostalCode == postalCode.Value, cancellationToken);
        if (entry is null)
        {
            entry = WaitlistEntry.Create(address!, postalCode, now);
            db.WaitlistEntries.Add(entry);
            outbox.AddEmail(ConfirmationEmail(entry), ConfirmationKind);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A second sign-up of the same address and PLZ got there first; it sends the confirmation.
                db.ChangeTracker.Clear();
                return Result.Ok;
            }
        }
        else if (entry.TryResendConfirmation(now))
        {
            outbox.AddEmail(ConfirmationEmail(entry), ConfirmationKind);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Result.Ok;
    }

    public const string ConfirmationKind = "waitlist-confirmation";

    private EmailMessage ConfirmationEmail(WaitlistEntry entry) =>
        EmailTemplate.Build(entry.Email, "Bitte bestätigen Sie Ihren Platz auf der Warteliste",
            [$"Sie möchten Bescheid bekommen, sobald Autowartung für die Postleitzahl {entry.PostalCode} da ist.",
             $"Bitte bestätigen Sie das mit dem Link; er gilt {WaitlistEntry.ConfirmationLifetime.Days} Tage. Erst dann zählt Ihr Eintrag, und wir schreiben Ihnen nur, wenn wir bei Ihnen starten.",
             "Waren Sie das nicht, ignorieren Sie diese E-Mail einfach: Ohne Bestätigung löschen wir die Adresse wieder."],
            "Eintrag bestätigen", links.Confirm(entry.Id),
            footerLink: ("Von der Warteliste austragen", links.Remove(entry.Id)));

    /// <summary>
    /// A bare address that the mail client will take as it is (no display name, no second address), and
    /// short enough for SMTP.
    /// </summary>
    private static bool IsDeliverable(string? address) =>
        address is { Length: > 0 and <= 254 } && MailAddress.TryCreate(address, out var parsed) &&
        parsed.Address == address && parsed.DisplayName.Length == 0 && parsed.Host.Contains('.');
}
