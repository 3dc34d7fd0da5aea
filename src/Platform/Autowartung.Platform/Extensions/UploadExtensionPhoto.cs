using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Extensions;

/// <summary>
/// Takes a photo of extra work from the booking's workshop staff while the car is in service, stored as
/// protocol photos are: the bytes decide the type, and only the server's re-encoding (upright, at most
/// 2560 px, no metadata) and its thumbnail reach the city's private container. The same idempotency key
/// finds the first upload. Runs in the city's tenant scope.
/// </summary>
public sealed class UploadExtensionPhoto(PlatformDbContext db, BookingParties parties, CityFiles files, TimeProvider clock)
{
    public async Task<Result<ExtensionPhoto>> RunAsync(Guid bookingId, ReadOnlyMemory<byte> content, string? idempotencyKey, Caller caller, CancellationToken cancellationToken = default)
    {
        if (idempotencyKey is not null && !ProtocolRules.IsKey(idempotencyKey))
            return Result.Invalid("Idempotency-Key", "Der Idempotency-Key hat 8 bis 100 Zeichen: Buchstaben, Ziffern, - und _.");
        if (await parties.FindAsync(bookingId, caller, cancellationToken: cancellationToken) is not { } found || !(found.Is(Party.Workshop) || found.Is(Party.Admin)))
            return Result.NotFound();
        if (found.Booking.Status != BookingStatus.InService) return Result.Conflict(ProposeExtension.NotInService);
        if (idempotencyKey is not null && await EarlierAsync(bookingId, idempotencyKey, cancellationToken) is { } earlier) return earlier;

        var outcome = Photos.Process(content);
        if (outcome.Photo is not { } processed) return Photos.Refusal(outcome.Rejection!.Value);
        var photo = ExtensionPhoto.Upload(bookingId, processed.Width, processed.Height, processed.Jpeg.Length, idempotencyKey, caller.UserId, clock.GetUtcNow());
        var city = db.CurrentTenantId;
        await files.PutAsync(city, photo.Path, BinaryData.FromBytes(processed.Jpeg), "image/jpeg", cancellationToken);
        await files.PutAsync(city, photo.ThumbnailPath, BinaryData.FromBytes(processed.Thumbnail), "image/jpeg", cancellationToken);
        db.ExtensionPhotos.Add(photo);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return photo;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            await files.DeleteAsync(city, photo.Path, cancellationToken);
            await files.DeleteAsync(city, photo.ThumbnailPath, cancellationToken);
            return (await EarlierAsync(bookingId, idempotencyKey!, cancellationToken))!;
        }
    }

    private Task<ExtensionPhoto?> EarlierAsync(Guid bookingId, string key, CancellationToken cancellationToken) =>
        db.ExtensionPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.BookingId == bookingId && p.IdempotencyKey == key, cancellationToken);
}
