namespace Autowartung.Platform.Concierge;

/// <summary>When the car changes hands: the jockey takes it from the customer, or brings it back.</summary>
public enum ProtocolKind { Pickup, Return }

/// <summary>The photos a protocol needs, one each, and any number of damage photos.</summary>
public enum PhotoSlot { Front, Rear, Left, Right, Odometer, Damage }

/// <summary>Where on the car a damage is, as the jockey taps it on the car's outline (seen from above, front at the top).</summary>
public enum CarArea { Front, FrontLeft, FrontRight, Left, Right, RearLeft, RearRight, Rear, Roof, Interior }

/// <summary>The papers and kit that go with the car.</summary>
public enum CarDocument { RegistrationCertificate, ServiceBook, FirstAidKit, WarningTriangle, SafetyVest }

/// <summary>A damage as recorded: where (area and the tapped point, 0..1 on the outline), what, and its photo if one was taken.</summary>
public sealed record CarDamage(CarArea Area, double X, double Y, string Note, Guid? PhotoId);

/// <summary>
/// The record of a handover (tenant-owned): at pickup the state the customer hands the car over in, at
/// return the state it comes back in. Written once per booking and kind (the database refuses a second),
/// signed by the customer; its PDF is made afterwards by a job and sent to the customer.
/// </summary>
public sealed class HandoverProtocol
{
    public static readonly PhotoSlot[] RequiredPhotos = [PhotoSlot.Front, PhotoSlot.Rear, PhotoSlot.Left, PhotoSlot.Right, PhotoSlot.Odometer];

    private HandoverProtocol() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public ProtocolKind Kind { get; private set; }

    public int OdometerKm { get; private set; }

    /// <summary>Fuel, or charge for an electric car, in percent of full.</summary>
    public int FuelPercent { get; private set; }

    public int Keys { get; private set; }

    public List<CarDocument> Documents { get; private set; } = [];

    public List<CarDamage> Damages { get; private set; } = [];

    /// <summary>The name the customer (or whoever handed over) signed with.</summary>
    public string SignedBy { get; private set; } = "";

    /// <summary>Where the signature's PNG is kept in the city's files.</summary>
    public string SignaturePath { get; private set; } = "";

    public Guid RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Where the protocol's PDF is kept once the job has made it; null until then.</summary>
    public string? PdfPath { get; private set; }

    public DateTimeOffset? PdfCreatedAt { get; private set; }

    public static HandoverProtocol Record(
        Guid bookingId, ProtocolKind kind, int odometerKm, int fuelPercent, int keys, IEnumerable<CarDocument> documents,
        IEnumerable<CarDamage> damages, string signedBy, Guid recordedBy, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new HandoverProtocol
        {
            Id = id,
            BookingId = bookingId,
            Kind = kind,
            OdometerKm = odometerKm,
            FuelPercent = fuelPercent,
            Keys = keys,
            Documents = documents.Distinct().ToList(),
            Damages = damages.ToList(),
            SignedBy = signedBy.Trim(),
            SignaturePath = ProtocolFiles.Signature(bookingId, kind, id),
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }

    /// <summary>The job stored the PDF; only once.</summary>
    public bool AttachPdf(string path, DateTimeOffset now)
    {
        if (PdfPath is not null) return false;
        (PdfPath, PdfCreatedAt) = (path, now);
        return true;
    }
}

/// <summary>
/// A photo taken for a protocol (tenant-owned), stored upright, at most 2560 px and without any metadata,
/// with a thumbnail. It belongs to its booking and kind from the upload; the protocol claims it on submit.
/// The same upload sent again with its idempotency key finds this one.
/// </summary>
public sealed class ProtocolPhoto
{
    private ProtocolPhoto() { }

    public Guid Id { get; private set; }

    public Guid BookingId { get; private set; }

    public ProtocolKind Kind { get; private set; }

    public PhotoSlot Slot { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int SizeBytes { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The protocol that uses the photo; null while it is only uploaded.</summary>
    public Guid? ProtocolId { get; private set; }

    public string Path => ProtocolFiles.Photo(BookingId, Kind, Id);

    public string ThumbnailPath => ProtocolFiles.Thumbnail(BookingId, Kind, Id);

    public static ProtocolPhoto Upload(
        Guid bookingId, ProtocolKind kind, PhotoSlot slot, int width, int height, int sizeBytes, string? idempotencyKey, Guid uploadedBy, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            BookingId = bookingId,
            Kind = kind,
            Slot = slot,
            Width = width,
            Height = height,
            SizeBytes = sizeBytes,
            IdempotencyKey = idempotencyKey,
            UploadedBy = uploadedBy,
            UploadedAt = now,
        };
}

/// <summary>Where a booking's protocol files lie in its city's container.</summary>
public static class ProtocolFiles
{
    private static string Folder(Guid bookingId, ProtocolKind kind) => $"bookings/{bookingId:N}/{kind.ToString().ToLowerInvariant()}";

    public static string Photo(Guid bookingId, ProtocolKind kind, Guid photoId) => $"{Folder(bookingId, kind)}/photos/{photoId:N}.jpg";

    public static string Thumbnail(Guid bookingId, ProtocolKind kind, Guid photoId) => $"{Folder(bookingId, kind)}/photos/{photoId:N}-thumb.jpg";

    public static string Signature(Guid bookingId, ProtocolKind kind, Guid protocolId) => $"{Folder(bookingId, kind)}/signature-{protocolId:N}.png";

    public static string Pdf(Guid bookingId, ProtocolKind kind, Guid protocolId) => $"{Folder(bookingId, kind)}/protocol-{protocolId:N}.pdf";
}
