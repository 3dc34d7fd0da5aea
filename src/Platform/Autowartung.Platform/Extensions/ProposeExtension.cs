using System.Security.Cryptography;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Extensions;

/// <summary>
/// The workshop's staff propose extra work for a car in service: items with a plain description, a price
/// (net parts and labour, or the workshop's list price of a catalog service; VAT as in quotes), an urgency
/// and photos. A draft can be rewritten until it is sent; sending moves the booking to
/// <see cref="BookingStatus.AwaitingApproval"/> and mails the customer a link that opens only this decision,
/// in one transaction under the booking's row lock. Only the booking's workshop (and admins) find it.
/// Runs in the city's tenant scope.
/// </summary>
public sealed class ProposeExtension(
    PlatformDbContext db, BookingParties parties, IOutbox outbox, ICustomerLinks links, AuditLog audit, TimeProvider clock)
{
    public sealed record ItemInput(
        string? Title, string? Description, int? PartsNetCents, int? LabourNetCents, string? Urgency, IReadOnlyList<Guid>? PhotoIds, string? ServiceCode = null);

    public sealed record Request(IReadOnlyList<ItemInput>? Items);

    public const int MaxItems = 20;

    /// <summary>An item over 10.000 € net is a typing error.</summary>
    public const int MaxItemNetCents = 1_000_000;

    public const string NotInService = "Zusätzliche Arbeiten lassen sich nur vorschlagen, solange das Auto in Arbeit ist.";

    public const string Waiting = "Ein Vorschlag wartet schon auf die Entscheidung des Kunden.";

    public const string AlreadySent = "Der Vorschlag ist verschickt und ändert sich nicht mehr; für anderes bitte einen neuen Vorschlag machen.";

    public const string EmailKind = "extension-proposed";

    /// <summary>Writes a new draft for the booking, or rewrites the one not yet sent.</summary>
    public async Task<Result<OrderExtension>> DraftAsync(Guid bookingId, Request request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (await StaffBookingAsync(bookingId, caller, cancellationToken) is not { } booking) return Result.NotFound();
        var (items, errors) = await ItemsAsync(booking, request, cancellationToken);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (booking.Status != BookingStatus.InService) return Result.Conflict(NotInService);
        if (await db.OrderExtensions.AnyAsync(e => e.BookingId == bookingId && e.Status == ExtensionStatus.Sent, cancellationToken)) return Result.Conflict(Waiting);

        var draft = await db.OrderExtensions.SingleOrDefaultAsync(e => e.BookingId == bookingId && e.Status == ExtensionStatus.Draft, cancellationToken);
        if (draft is null) db.OrderExtensions.Add(draft = OrderExtension.Draft(bookingId, items, caller.UserId, clock.GetUtcNow()));
        else draft.ReplaceItems(items);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return draft;
    }

    /// <summary>Rewrites a draft by its id; a sent proposal is a conflict (its amounts never change).</summary>
    public async Task<Result<OrderExtension>> UpdateAsync(Guid extensionId, Request request, Caller caller, CancellationToken cancellationToken = default)
    {
        var extension = await db.OrderExtensions.SingleOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        if (extension is null || await StaffBookingAsync(extension.BookingId, caller, cancellationToken) is not { } booking) return Result.NotFound();
        var (items, errors) = await ItemsAsync(booking, request, cancellationToken);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (!extension.ReplaceItems(items)) return Result.Conflict(AlreadySent);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return extension;
    }

    /// <summary>Sends the draft to the customer: the booking waits for their decision, and they get the link.</summary>
    public async Task<Result<OrderExtension>> SendAsync(Guid extensionId, Caller caller, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var found = await db.OrderExtensions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        if (found is null || await StaffBookingAsync(found.BookingId, caller, cancellationToken) is null) return Result.NotFound();

        var now = clock.GetUtcNow();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        OrderExtension extension;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockBookingAsync(found.BookingId, cancellationToken);
            extension = await db.OrderExtensions.SingleAsync(e => e.Id == extensionId, cancellationToken);
            var booking = await db.Bookings.SingleAsync(b => b.Id == extension.BookingId, cancellationToken);
            if (extension.Status != ExtensionStatus.Draft) return Result.Conflict(AlreadySent);
            if (!booking.AskApproval(now)) return Result.Conflict(NotInService);
            extension.Send(ExtensionLinks.Hash(token), now);
            outbox.AddEmail(ProposalEmail(booking, extension, links.DecideExtension(extension.Id, token)), EmailKind);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditAction.ExtensionSent, origin, caller.UserId, cityId: db.CurrentTenantId,
            detail: $"booking {extension.BookingId:N}: extension {extension.Id:N}, {extension.Items.Count} item(s), {extension.ProposedGrossCents} cents", cancellationToken: cancellationToken);
        return extension;
    }

    private async Task<Booking?> StaffBookingAsync(Guid bookingId, Caller caller, CancellationToken cancellationToken) =>
        await parties.FindAsync(bookingId, caller, cancellationToken: cancellationToken) is { } found && (found.Is(Party.Workshop) || found.Is(Party.Admin))
            ? found.Booking
            : null;

    private async Task<(List<ExtensionItem> Items, Dictionary<string, string[]> Errors)> ItemsAsync(Booking booking, Request request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var items = new List<ExtensionItem>();
        if (request.Items is not { Count: >= 1 and <= MaxItems } inputs)
        {
            errors["items"] = [$"Bitte 1 bis {MaxItems} Arbeiten vorschlagen."];
            return (items, errors);
        }
        var photos = await db.ExtensionPhotos.AsNoTracking().Where(p => p.BookingId == booking.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var prices = await db.WorkshopPrices.AsNoTracking().Where(p => p.WorkshopId == booking.WorkshopId && p.VehicleClass == booking.Vehicle.Class)
            .ToDictionaryAsync(p => p.ItemCode, p => p.NetCents, cancellationToken);
        var now = clock.GetUtcNow();
        for (var i = 0; i < inputs.Count; i++)
        {
            var item = inputs[i];
            var field = $"items[{i}]";
            void Require(bool ok, string name, string message) { if (!ok) errors.TryAdd($"{field}.{name}", [message]); }
            if (item is null)
            {
                errors[field] = ["Bitte die Arbeit beschreiben."];
                continue;
            }
            Require(item.Title?.Trim() is { Length: >= 2 and <= 120 } title && !title.Any(char.IsControl), "title", "Bitte einen Titel angeben (2 bis 120 Zeichen).");
            Require(item.Description?.Trim() is { Length: >= 2 and <= 1000 } text && !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r')),
                "description", "Bitte in einfachen Worten beschreiben, was zu tun ist und warum (2 bis 1.000 Zeichen).");
            Require(Enum.TryParse<Urgency>(item.Urgency, ignoreCase: false, out _) && !int.TryParse(item.Urgency, out _), "urgency",
                "Bitte die Dringlichkeit wählen: SafetyCritical, Recommended oder CanWait.");
            Require(item.PhotoIds is null || (item.PhotoIds.Count <= 10 && item.PhotoIds.All(photos.Contains)), "photoIds", "Bitte nur Fotos dieser Buchung angeben (höchstens 10).");
            int parts = 0, labour = 0;
            if (item.ServiceCode is { } code)
            {
                Require(prices.ContainsKey(code), "serviceCode", "Diese Leistung steht nicht in der Preisliste der Werkstatt.");
                Require(item.PartsNetCents is null or 0 && item.LabourNetCents is null or 0, "partsNetCents", "Eine Leistung der Preisliste hat ihren Preis schon; bitte keine Beträge dazu angeben.");
                labour = prices.GetValueOrDefault(code);
            }
            else
            {
                Require(item.PartsNetCents is >= 0 and <= MaxItemNetCents, "partsNetCents", "Die Teile kosten netto 0 bis 10.000 €.");
                Require(item.LabourNetCents is >= 0 and <= MaxItemNetCents, "labourNetCents", "Die Arbeit kostet netto 0 bis 10.000 €.");
                (parts, labour) = (item.PartsNetCents ?? 0, item.LabourNetCents ?? 0);
                Require(parts + labour is > 0 and <= MaxItemNetCents, "labourNetCents", "Teile und Arbeit zusammen kosten netto mehr als 0 und höchstens 10.000 €.");
            }
            if (!errors.Keys.Any(k => k.StartsWith(field, StringComparison.Ordinal)))
                items.Add(ExtensionItem.Create(item.Title!, item.Description!, item.ServiceCode, parts, labour, Enum.Parse<Urgency>(item.Urgency!), item.PhotoIds ?? [], now));
        }
        return (items, errors);
    }

    private EmailMessage ProposalEmail(Booking booking, OrderExtension extension, Uri link) => booking.InEnglish
        ? EmailTemplate.Build(booking.Contact.Email, $"Booking {booking.Number}: your workshop proposes extra work",
            [$"Hello {booking.Contact.Name},",
             $"While servicing your car ({booking.LicensePlate}) the workshop found {extension.Items.Count} more thing(s) to do. Each comes with photos, how urgent it is and its price.",
             "Please decide item by item; nothing is charged without your consent."],
            "Decide now", link)
        : EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: Ihre Werkstatt schlägt zusätzliche Arbeiten vor",
            [$"Guten Tag {booking.Contact.Name},",
             $"Bei der Arbeit an Ihrem Auto ({booking.LicensePlate}) hat die Werkstatt {extension.Items.Count} weitere Punkt(e) gefunden, jeweils mit Fotos, Dringlichkeit und Preis.",
             "Bitte entscheiden Sie Punkt für Punkt; ohne Ihre Zustimmung wird nichts berechnet."],
            "Jetzt entscheiden", link);
}

/// <summary>The single-use link's secret is kept only as its hash: a leaked table opens no decision.</summary>
public static class ExtensionLinks
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string? hash) =>
        token is { Length: > 0 and <= 100 } && hash is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(token)), System.Text.Encoding.ASCII.GetBytes(hash));
}
