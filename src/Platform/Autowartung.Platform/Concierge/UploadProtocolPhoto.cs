using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// Takes a photo for a booking's pickup or return protocol from the errand's jockey. The bytes decide the
/// type (JPEG, PNG or WebP; anything else is refused), and the photo is stored only as the server made it:
/// decoded, upright, at most 2560 px, re-encoded without metadata (no GPS reaches storage), with a
/// thumbnail. A repeated upload with the same idempotency key (a phone that lost its connection and sent
/// again) finds the first photo. Runs in the city's tenant scope; the files go to the city's own container.
/// </summary>
public sealed class UploadProtocolPhoto(PlatformDbContext db, BookingParties parties, CityFiles files, TimeProvider clock)
{
    /// <returns>
    /// The photo (the earlier one for a key seen before); not found for anyone but the errand's jockey; a
    /// conflict when the protocol is done or the car is not at that step; too large above 10 MB or for an
    /// image of absurd pixel size; unsupported type for bytes that are no photo.
    /// </returns>
    public async Task<Result<ProtocolPhoto>> RunAsync(
        Guid bookingId, ProtocolKind kind, PhotoSlot slot, ReadOnlyMemory<byte> content, string? idempotencyKey, Caller caller,
        CancellationToken cancellationToken = default)
    {
        if (idempotencyKey is not null && !ProtocolRules.IsKey(idempotencyKey))
            return Result.Invalid("Idempotency-Key", "Der Idempotency-Key hat 8 bis 100 Zeichen: Buchstaben, Ziffern, - und _.");
        if (await ProtocolRules.ErrandAsync(db, parties, bookingId, kind, caller, cancellationToken) is not { } errand) return Result.NotFound();
        if (errand.Failure is { } refused) return refused;

        if (idempotencyKey is not null && await EarlierAsync(bookingId, idempotencyKey, cancellationToken) is { } earlier) return earlier;
        var outcome = Photos.Process(content);
        if (outcome.Photo is not { } processed) return Photos.Refusal(outcome.Rejection!.Value);

        var photo = ProtocolPhoto.Upload(bookingId, kind, slot, processed.Width, processed.Height, processed.Jpeg.Length, idempotencyKey, caller.UserId, clock.GetUtcNow());
        var city = db.CurrentTenantId;
        await files.PutAsync(city, photo.Path, BinaryData.FromBytes(processed.Jpeg), "image/jpeg", cancellationToken);
        await files.PutAsync(city, photo.ThumbnailPath, BinaryData.FromBytes(processed.Thumbnail), "image/jpeg", cancellationToken);
        db.ProtocolPhotos.Add(photo);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return photo;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same upload, sent twice at once, was stored a moment ago: keep that one only.
            db.ChangeTracker.Clear();
            await files.DeleteAsync(city, photo.Path, cancellationToken);
            await files.DeleteAsync(city, photo.ThumbnailPath, cancellationToken);
            return (await EarlierAsync(bookingId, idempotencyKey!, cancellationToken))!;
        }
    }

    private Task<ProtocolPhoto?> EarlierAsync(Guid bookingId, string key, CancellationToken cancellationToken) =>
        db.ProtocolPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.BookingId == bookingId && p.IdempotencyKey == key, cancellationToken);
}

/// <summary>What uploading a photo and recording a protocol both ask first.</summary>
internal static class ProtocolRules
{
    public sealed record Errand(BookingParties.Found Found, JockeyTask? Task, Failure? Failure);

    public static bool IsKey(string key) => key is { Length: >= 8 and <= 100 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The booking's status in which its protocol of that kind is taken.</summary>
    public static BookingStatus StatusFor(ProtocolKind kind) => kind == ProtocolKind.Pickup ? BookingStatus.PickupAssigned : BookingStatus.ReturnAssigned;

    /// <summary>
    /// The caller's errand for the protocol: null (404) unless the caller is a jockey of the booking; a failure
    /// (409) while they have no errand of that kind, once the protocol is done, or while the car is at another step.
    /// </summary>
    public static async Task<Errand?> ErrandAsync(
        PlatformDbContext db, BookingParties parties, Guid bookingId, ProtocolKind kind, Caller caller, CancellationToken cancellationToken, bool track = false)
    {
        var found = await parties.FindAsync(bookingId, caller, track, cancellationToken);
        if (found is null || !found.Is(Party.Jockey)) return null;
        var taskKind = kind == ProtocolKind.Pickup ? JockeyTaskKind.Pickup : JockeyTaskKind.Return;
        var tasks = track ? db.JockeyTasks : db.JockeyTasks.AsNoTracking();
        var task = await tasks.SingleOrDefaultAsync(t => t.BookingId == bookingId && t.Kind == taskKind && t.JockeyUserId == caller.UserId, cancellationToken);
        if (task is null) return new Errand(found, null, Result.Conflict("Für diese Buchung ist gerade kein Protokoll fällig."));
        if (task.Status == JockeyTaskStatus.Done || await db.HandoverProtocols.AnyAsync(p => p.BookingId == bookingId && p.Kind == kind, cancellationToken))
            return new Errand(found, task, Result.Conflict("Das Protokoll ist schon aufgenommen."));
        if (task.Status != JockeyTaskStatus.Assigned || found.Booking.Status != StatusFor(kind))
            return new Errand(found, task, Result.Conflict("Für diese Buchung ist gerade kein Protokoll fällig."));
        return new Errand(found, task, null);
    }
}
