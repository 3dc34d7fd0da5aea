using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Storage;
using Azure;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// Makes the PDF of each protocol recorded since the last run, off the request path: the data, the photos
/// as thumbnails, the damage sketch and the signature (<see cref="ProtocolPdf"/>). It is stored with the
/// booking in the city's files and, in the same transaction that records it, mailed to the customer
/// through the outbox ("Ihr Fahrzeug wurde abgeholt", "… ist zurück"). Across cities, each in its own scope.
/// </summary>
public sealed class MakeProtocolPdfs(
    PlatformDbContext db, ReadProtocols read, CityFiles files, IOutbox outbox, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public const string PickupKind = "protocol-pickup";

    public const string ReturnKind = "protocol-return";

    public async Task<int> RunAsync(int batchSize = 20, CancellationToken cancellationToken = default)
    {
        var due = await db.HandoverProtocols.AcrossTenants().AsNoTracking().Where(p => p.PdfPath == null)
            .OrderBy(p => p.RecordedAt).Take(batchSize)
            .Select(p => new { p.Id, p.BookingId, p.Kind, CityId = EF.Property<Guid>(p, MultiTenantModel.TenantIdProperty) })
            .ToListAsync(cancellationToken);
        var made = 0;
        foreach (var city in due.GroupBy(p => p.CityId))
        {
            var tenant = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Key, cancellationToken);
            using var scope = tenancy.BeginScope(tenant.ToTenantInfo());
            foreach (var protocol in city)
                if (await MakeAsync(protocol.BookingId, protocol.Kind, cancellationToken)) made++;
        }
        return made;
    }

    private async Task<bool> MakeAsync(Guid bookingId, ProtocolKind kind, CancellationToken cancellationToken)
    {
        var view = await read.ViewAsync(bookingId, kind, cancellationToken);
        if (view is null || view.Protocol.PdfPath is not null) return false;
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, cancellationToken);
        var city = (CityTenantInfo)db.TenantInfo!;
        var pdf = ProtocolPdf.Render(await DocumentAsync(view, booking, city, cancellationToken));
        var path = ProtocolFiles.Pdf(bookingId, kind, view.Protocol.Id);
        try
        {
            await files.PutAsync(city.Id, path, BinaryData.FromBytes(pdf), "application/pdf", cancellationToken);
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            // Stored by an earlier run that stopped before it recorded it: the same protocol, the same PDF.
        }

        var protocol = await db.HandoverProtocols.SingleAsync(p => p.Id == view.Protocol.Id, cancellationToken);
        if (!protocol.AttachPdf(path, clock.GetUtcNow())) return false;
        var email = Email(booking, kind, view.Protocol.SignedBy) with
        {
            Attachments = [new EmailAttachment($"{AttachmentName(kind, booking.InEnglish)}-{booking.Number}.pdf", "application/pdf", pdf)],
        };
        outbox.AddEmail(email, kind == ProtocolKind.Pickup ? PickupKind : ReturnKind);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;   // another instance recorded it a moment ago, with its email
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The customer's email with the protocol, in the language they booked in.</summary>
    private static EmailMessage Email(Bookings.Booking booking, ProtocolKind kind, string signedBy)
    {
        var (subject, opening) = (kind, booking.InEnglish) switch
        {
            (ProtocolKind.Pickup, false) => ($"Ihr Fahrzeug wurde abgeholt (Buchung {booking.Number})",
                $"{signedBy} hat Ihr Auto ({booking.LicensePlate}) an uns übergeben. Das Übergabeprotokoll mit Fotos und Unterschrift ist angehängt."),
            (ProtocolKind.Pickup, true) => ($"Your car has been picked up (booking {booking.Number})",
                $"{signedBy} handed your car ({booking.LicensePlate}) over to us. The handover record with photos and signature is attached."),
            (_, false) => ($"Ihr Fahrzeug ist zurück (Buchung {booking.Number})",
                $"Ihr Auto ({booking.LicensePlate}) ist wieder bei Ihnen. Das Rückgabeprotokoll mit dem Vergleich zur Abholung ist angehängt."),
            (_, true) => ($"Your car is back (booking {booking.Number})",
                $"Your car ({booking.LicensePlate}) is back with you. The return record, compared with the pickup, is attached."),
        };
        return EmailTemplate.Build(booking.Contact.Email, subject, [booking.InEnglish ? $"Hello {booking.Contact.Name}," : $"Guten Tag {booking.Contact.Name},", opening]);
    }

    public static string AttachmentName(ProtocolKind kind, bool english) => (kind, english) switch
    {
        (ProtocolKind.Pickup, false) => "Abholprotokoll",
        (ProtocolKind.Pickup, true) => "Pickup-record",
        (_, false) => "Rueckgabeprotokoll",
        (_, true) => "Return-record",
    };

    private async Task<ProtocolDocument> DocumentAsync(ReadProtocols.View view, Bookings.Booking booking, CityTenantInfo city, CancellationToken cancellationToken)
    {
        var protocol = view.Protocol;
        var workshop = await db.PartnerWorkshops.AsNoTracking().Where(w => w.Id == booking.WorkshopId).Select(w => w.Name).SingleAsync(cancellationToken);
        var jockey = await db.Users.AsNoTracking().Where(u => u.Id == protocol.RecordedBy).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var thumbnails = new Dictionary<Guid, byte[]>();
        foreach (var photo in view.Photos)
            if (await files.ReadAsync(city.Id, photo.ThumbnailPath, cancellationToken) is { } bytes) thumbnails[photo.Id] = bytes.ToArray();
        var signature = (await files.ReadAsync(city.Id, protocol.SignaturePath, cancellationToken))?.ToArray() ?? [];
        var comparison = view.Comparison;
        return new ProtocolDocument(
            English: booking.InEnglish, IsReturn: protocol.Kind == ProtocolKind.Return, city.Name, booking.Number, booking.Contact.Name,
            $"{booking.Vehicle.Make} {booking.Vehicle.Model}", booking.LicensePlate, workshop, protocol.RecordedAt, city.TimeZone,
            AssignJockeys.FirstName(jockey), protocol.OdometerKm, protocol.FuelPercent, protocol.Keys,
            protocol.Documents.Select(d => ProtocolLabels.Document(d, booking.InEnglish)).ToList(),
            protocol.Damages.Select((d, i) => new ProtocolDocument.Damage(i + 1, ProtocolLabels.Area(d.Area, booking.InEnglish), d.X, d.Y, d.Note,
                d.PhotoId is { } id ? thumbnails.GetValueOrDefault(id) : null, comparison?.NewDamages.Contains(i) == true)).ToList(),
            view.Photos.Where(p => p.Slot != PhotoSlot.Damage && thumbnails.ContainsKey(p.Id))
                .Select(p => new ProtocolDocument.Photo(ProtocolLabels.Photo(p.Slot, booking.InEnglish), thumbnails[p.Id])).ToList(),
            protocol.SignedBy, signature,
            comparison is null ? null : new ProtocolDocument.ReturnComparison(comparison.PickupOdometerKm, comparison.KmDriven, comparison.AllowanceKm,
                comparison.OverAllowance, comparison.PickupFuelPercent, comparison.FuelLower, comparison.NewDamages.Count),
            view.ReplacementCar is { } car
                ? new ProtocolDocument.ReplacementCarHandover($"{car.LicensePlate} · {car.Model}", car.KmOut, car.KmBack, car.FuelOut, car.FuelBack)
                : null);
    }
}

/// <summary>
/// The words for a protocol's parts: German, as the jockey's page shows them (its English comes from the
/// page's resources), and English for the PDF of a customer who booked in English.
/// </summary>
public static class ProtocolLabels
{
    public static string Photo(PhotoSlot slot, bool english = false) => (slot, english) switch
    {
        (PhotoSlot.Front, false) => "Vorne",
        (PhotoSlot.Front, true) => "Front",
        (PhotoSlot.Rear, false) => "Hinten",
        (PhotoSlot.Rear, true) => "Rear",
        (PhotoSlot.Left, false) => "Links",
        (PhotoSlot.Left, true) => "Left",
        (PhotoSlot.Right, false) => "Rechts",
        (PhotoSlot.Right, true) => "Right",
        (PhotoSlot.Odometer, false) => "Tacho mit Kilometerstand",
        (PhotoSlot.Odometer, true) => "Odometer",
        (_, false) => "Schaden",
        (_, true) => "Damage",
    };

    public static string Area(CarArea area, bool english = false) => english
        ? area switch
        {
            CarArea.Front => "Front",
            CarArea.FrontLeft => "Front left",
            CarArea.FrontRight => "Front right",
            CarArea.Left => "Left",
            CarArea.Right => "Right",
            CarArea.RearLeft => "Rear left",
            CarArea.RearRight => "Rear right",
            CarArea.Rear => "Rear",
            CarArea.Roof => "Roof",
            _ => "Interior",
        }
        : area switch
        {
            CarArea.Front => "Front",
            CarArea.FrontLeft => "Vorne links",
            CarArea.FrontRight => "Vorne rechts",
            CarArea.Left => "Links",
            CarArea.Right => "Rechts",
            CarArea.RearLeft => "Hinten links",
            CarArea.RearRight => "Hinten rechts",
            CarArea.Rear => "Heck",
            CarArea.Roof => "Dach",
            _ => "Innenraum",
        };

    public static string Document(CarDocument document, bool english = false) => english
        ? document switch
        {
            CarDocument.RegistrationCertificate => "Registration certificate",
            CarDocument.ServiceBook => "Service book",
            CarDocument.FirstAidKit => "First-aid kit",
            CarDocument.WarningTriangle => "Warning triangle",
            _ => "Safety vest",
        }
        : document switch
        {
            CarDocument.RegistrationCertificate => "Fahrzeugschein",
            CarDocument.ServiceBook => "Serviceheft",
            CarDocument.FirstAidKit => "Verbandkasten",
            CarDocument.WarningTriangle => "Warndreieck",
            _ => "Warnweste",
        };
}
