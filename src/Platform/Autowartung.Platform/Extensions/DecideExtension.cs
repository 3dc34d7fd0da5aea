using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Payments;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Extensions;

/// <summary>Who decides: the signed-in customer, or whoever holds the emailed single-use link.</summary>
public sealed record Decider(Guid? CustomerUserId, string? LinkToken);

/// <summary>
/// The customer decides a sent proposal, item by item, once. The decision is the consent: who, when, which
/// items at which amounts, from which page version; it is written with the booking's step back to
/// <see cref="BookingStatus.InService"/> in one transaction under the booking's row lock, so a second confirm
/// is a 409. The approved items are then charged at once to the payment method saved at checkout, one
/// off-session charge per decision whose idempotency key is stored before the call: a repeated or crashed
/// request never charges twice, and <see cref="ChargeDecidedAsync"/> finishes a charge a crash left undone.
/// Runs in the city's tenant scope.
/// </summary>
public sealed class DecideExtension(
    PlatformDbContext db, ChargeSavedPaymentMethod charge, IOutbox outbox, AuditLog audit, TimeProvider clock)
{
    public sealed record ItemChoice(Guid? Id, bool? Approved);

    /// <param name="PageVersion">The <see cref="OrderExtension.ItemsVersion"/> the page showed: amounts other than those are no consent.</param>
    public sealed record Request(IReadOnlyList<ItemChoice>? Items, string? PageVersion);

    public sealed record Decision(OrderExtension Extension, ChargeSavedPaymentMethod.Charge? Charge);

    public const string Decided = "Über diesen Vorschlag ist schon entschieden.";

    public const string Lapsed = "Dieser Vorschlag ist abgelaufen; die Punkte gelten als abgelehnt.";

    public const string ChargeFailedKind = "extension-charge-failed";

    public const string AuthenticationKind = "extension-authentication";

    /// <summary>The extension as its decider may see it; null (404) for anyone else.</summary>
    public async Task<OrderExtension?> FindAsync(Guid extensionId, Decider decider, CancellationToken cancellationToken = default)
    {
        var extension = await db.OrderExtensions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == extensionId && e.Status != ExtensionStatus.Draft, cancellationToken);
        if (extension is null) return null;
        var customer = await db.Bookings.AsNoTracking().Where(b => b.Id == extension.BookingId).Select(b => b.CustomerUserId).SingleAsync(cancellationToken);
        return decider.CustomerUserId == customer || ExtensionLinks.Matches(decider.LinkToken, extension.LinkTokenHash) ? extension : null;
    }

    /// <returns>The decided extension and its charge (none when nothing was approved); not found for anyone but its customer or link; invalid for unknown, missing or doubled items or another page version; a conflict once decided or lapsed.</returns>
    public async Task<Result<Decision>> RunAsync(Guid extensionId, Request request, Decider decider, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(extensionId, decider, cancellationToken) is not { } found) return Result.NotFound();
        if (found.Status == ExtensionStatus.Decided) return Result.Conflict(Decided);
        if (found.Status == ExtensionStatus.Expired) return Result.Conflict(Lapsed);
        if (Validate(request, found) is { Count: > 0 } errors) return Result.Invalid(errors);

        var now = clock.GetUtcNow();
        OrderExtension extension;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockBookingAsync(found.BookingId, cancellationToken);
            extension = await db.OrderExtensions.SingleAsync(e => e.Id == extensionId, cancellationToken);
            var booking = await db.Bookings.SingleAsync(b => b.Id == extension.BookingId, cancellationToken);
            var approved = request.Items!.ToDictionary(i => i.Id!.Value, i => i.Approved!.Value);
            if (!extension.Decide(approved, decider.CustomerUserId, now))
                return Result.Conflict(extension.Status == ExtensionStatus.Expired ? Lapsed : Decided);
            booking.ResumeService(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditAction.ExtensionDecided, origin, decider.CustomerUserId, cityId: db.CurrentTenantId,
            detail: $"extension {extension.Id:N}: page {extension.PageVersion}; " +
                    string.Join(", ", extension.Items.Select(i => $"{i.Id:N} {i.Decision} {i.GrossCents}")), cancellationToken: cancellationToken);
        return new Decision(extension, await ChargeAsync(extension, cancellationToken));
    }

    /// <summary>Charges every decided extension with approved items and no charge yet (a crash between the decision and the charge). For the job.</summary>
    public async Task<int> ChargeDecidedAsync(CancellationToken cancellationToken = default)
    {
        var due = await db.OrderExtensions.AsNoTracking().Where(e => e.Status == ExtensionStatus.Decided && e.PaymentId == null).ToListAsync(cancellationToken);
        var charged = 0;
        foreach (var extension in due.Where(e => e.ApprovedGrossCents > 0))
            if (await ChargeAsync(extension, cancellationToken) is not null) charged++;
        return charged;
    }

    private async Task<ChargeSavedPaymentMethod.Charge?> ChargeAsync(OrderExtension extension, CancellationToken cancellationToken)
    {
        if (extension.ApprovedGrossCents == 0) return null;
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == extension.BookingId, cancellationToken);
        var titles = string.Join(", ", extension.Items.Where(i => i.Decision == ItemDecision.Approved).Select(i => i.Title));
        var description = $"Buchung {booking.Number}: {titles}";
        var result = await charge.RunAsync(new ChargeSavedPaymentMethod.Request(booking.Id, Reference(extension.Id),
            description.Length <= 200 ? description : description[..199] + "…", extension.ApprovedGrossCents), cancellationToken);
        if (!result.Succeeded) return null;
        var outcome = result.Value;
        if (outcome.State == ChargeSavedPaymentMethod.ChargeState.Unavailable) return outcome;   // the job tries again

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tracked = await db.OrderExtensions.SingleAsync(e => e.Id == extension.Id, cancellationToken);
        if (tracked.PaymentId is null)
        {
            tracked.Charged(outcome.Payment.Id);
            if (outcome.State == ChargeSavedPaymentMethod.ChargeState.AuthenticationRequired)
                outbox.AddEmail(AuthenticationEmail(booking, extension, outcome.AuthenticationLink!), AuthenticationKind);
            else if (outcome.State == ChargeSavedPaymentMethod.ChargeState.Declined)
                outbox.AddEmail(DeclinedEmail(booking, extension), ChargeFailedKind);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>One charge per decision: the payment's reference, unique per booking, from which its idempotency key derives.</summary>
    public static string Reference(Guid extensionId) => $"extension-{extensionId:N}";

    private static Dictionary<string, string[]> Validate(Request request, OrderExtension extension)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Items is not { } items || items.Any(i => i?.Id is null || i.Approved is null))
        {
            errors["items"] = ["Bitte zu jedem Punkt zustimmen oder ablehnen."];
            return errors;
        }
        var ids = extension.Items.Select(i => i.Id).ToHashSet();
        if (items.Any(i => !ids.Contains(i.Id!.Value))) errors["items"] = ["Diese Punkte gehören nicht zu diesem Vorschlag."];
        else if (items.Select(i => i.Id).Distinct().Count() != items.Count) errors["items"] = ["Jeder Punkt bitte nur einmal."];
        else if (items.Count != ids.Count) errors["items"] = ["Bitte zu jedem Punkt zustimmen oder ablehnen."];
        if (request.PageVersion != extension.ItemsVersion) errors["pageVersion"] = ["Die Seite zeigt einen anderen Stand des Vorschlags; bitte neu laden."];
        return errors;
    }

    private static EmailMessage AuthenticationEmail(Booking booking, OrderExtension extension, Uri link) => booking.InEnglish
        ? EmailTemplate.Build(booking.Contact.Email, $"Booking {booking.Number}: please confirm the payment for the extra work",
            [$"Hello {booking.Contact.Name},", $"Your bank wants you to confirm the payment of {Euro(extension.ApprovedGrossCents)} for the extra work you approved."],
            "Confirm payment", link)
        : EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: Bitte bestätigen Sie die Zahlung der Zusatzarbeiten",
            [$"Guten Tag {booking.Contact.Name},", $"Ihre Bank möchte, dass Sie die Zahlung von {Euro(extension.ApprovedGrossCents)} für die freigegebenen Zusatzarbeiten bestätigen."],
            "Zahlung bestätigen", link);

    private static EmailMessage DeclinedEmail(Booking booking, OrderExtension extension) => booking.InEnglish
        ? EmailTemplate.Build(booking.Contact.Email, $"Booking {booking.Number}: the payment for the extra work failed",
            [$"Hello {booking.Contact.Name},", $"Your card declined the payment of {Euro(extension.ApprovedGrossCents)} for the extra work you approved. The work stays approved; the workshop will contact you about paying another way."])
        : EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: Die Zahlung der Zusatzarbeiten ist fehlgeschlagen",
            [$"Guten Tag {booking.Contact.Name},", $"Ihre Karte hat die Zahlung von {Euro(extension.ApprovedGrossCents)} für die freigegebenen Zusatzarbeiten abgelehnt. Die Arbeiten bleiben freigegeben; die Werkstatt meldet sich wegen einer anderen Zahlungsweise."]);

    private static string Euro(int cents) => (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
}
