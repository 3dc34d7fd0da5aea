using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkiaSharp;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// The jockey records the handover at pickup or the car's return, signed by the customer. With it the
/// booking moves on (picked up, or returned and, with nothing left to pay, completed) and the errand is
/// done, in one transaction that holds the booking's row; a second protocol of the kind is refused by the
/// database. A replacement car booked with the order is handed out at the pickup and taken back at the
/// return in the same transaction, with its own km and fuel. Its PDF is made by a job and mailed to the
/// customer. Runs in the city's tenant scope.
/// </summary>
public sealed class RecordProtocol(
    PlatformDbContext db, BookingParties parties, CityFiles files, CarLoans carLoans, IBookingPayments payments, AuditLog audit, TimeProvider clock)
{
    public sealed record DamageInput(string? Area, double? X, double? Y, string? Note, Guid? PhotoId);

    /// <summary>The replacement car's own handover: at pickup which car and its km and fuel, at return its km and fuel; or that the customer does not take it after all.</summary>
    public sealed record ReplacementCarInput(Guid? CarId, int? OdometerKm, int? FuelPercent, bool? NotTaken);

    /// <param name="SignaturePng">The signature drawn on the phone, as a <c>data:image/png;base64,</c> URL.</param>
    /// <param name="ReplacementCar">Required when the booking has a replacement car to hand out or take back; else absent.</param>
    public sealed record Request(
        int? OdometerKm, int? FuelPercent, IReadOnlyList<DamageInput>? Damages, int? Keys, IReadOnlyList<string>? Documents,
        string? SignedBy, string? SignaturePng, IReadOnlyList<Guid>? PhotoIds, ReplacementCarInput? ReplacementCar = null);

    public const int MaxOdometerKm = 2_000_000;

    /// <summary>More than this between pickup and return is a typing error, not a drive.</summary>
    public const int MaxKmBetweenHandovers = 5_000;

    public const int MaxSignatureBytes = 512 * 1024;

    private const string SignaturePrefix = "data:image/png;base64,";

    /// <returns>
    /// The protocol; not found for anyone but the errand's jockey; invalid naming each field (a required photo
    /// missing, no signature, km below the last known value); a conflict for a second protocol or a booking at another step.
    /// </returns>
    public async Task<Result<HandoverProtocol>> RunAsync(Guid bookingId, ProtocolKind kind, Request request, Caller caller, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        if (await ProtocolRules.ErrandAsync(db, parties, bookingId, kind, caller, cancellationToken) is not { } errand) return Result.NotFound();
        if (errand.Failure is { } refused) return refused;

        var booking = errand.Found.Booking;
        var photos = await db.ProtocolPhotos.AsNoTracking().Where(p => p.BookingId == bookingId && p.Kind == kind && p.ProtocolId == null).ToListAsync(cancellationToken);
        var lastKm = await LastKnownKmAsync(booking, kind, cancellationToken);
        var errors = Validate(request, kind, photos, lastKm, out var signature);
        var loan = await db.CarLoans.AsNoTracking().SingleOrDefaultAsync(l => l.BookingId == bookingId, cancellationToken);
        foreach (var (field, message) in await ValidateCarAsync(request.ReplacementCar, kind, loan, cancellationToken)) errors.TryAdd(field, [message]);
        if (errors.Count > 0) return Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var damages = request.Damages!.Select(d => new CarDamage(Enum.Parse<CarArea>(d.Area!, ignoreCase: true), d.X!.Value, d.Y!.Value, d.Note!.Trim(), d.PhotoId)).ToList();
        var documents = request.Documents!.Select(d => Enum.Parse<CarDocument>(d, ignoreCase: true));
        var protocol = HandoverProtocol.Record(bookingId, kind, request.OdometerKm!.Value, request.FuelPercent!.Value, request.Keys!.Value, documents, damages,
            request.SignedBy!, caller.UserId, now);
        await files.PutAsync(db.CurrentTenantId, protocol.SignaturePath, BinaryData.FromBytes(signature!), "image/png", cancellationToken);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockBookingAsync(bookingId, cancellationToken);
            if (await ProtocolRules.ErrandAsync(db, parties, bookingId, kind, caller, cancellationToken, track: true) is not { Failure: null, Task: { } task } current)
                return Result.Conflict("Das Protokoll ist schon aufgenommen.");
            var tracked = current.Found.Booking;
            var moved = kind == ProtocolKind.Pickup ? tracked.PickUp(now) : tracked.HandBack(now);
            if (!moved || !task.Finish(caller.UserId)) return Result.Conflict("Für diese Buchung ist gerade kein Protokoll fällig.");
            if (kind == ProtocolKind.Return && await payments.IsPaidUpAsync(bookingId, cancellationToken)) tracked.Complete(now);
            if (await HandOverCarAsync(tracked, kind, request.ReplacementCar, now, cancellationToken) is { } carRefused) return carRefused;
            db.HandoverProtocols.Add(protocol);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
                                                      || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                return Result.Conflict("Das Protokoll ist schon aufgenommen.");
            }
            var used = request.PhotoIds!.Concat(damages.Where(d => d.PhotoId is not null).Select(d => d.PhotoId!.Value)).ToList();
            await db.ProtocolPhotos.Where(p => p.BookingId == bookingId && used.Contains(p.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.ProtocolId, protocol.Id), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync(AuditAction.ProtocolRecorded, origin, caller.UserId, cityId: db.CurrentTenantId,
            detail: $"booking {bookingId:N}: {kind} protocol {protocol.Id:N}", cancellationToken: cancellationToken);
        return protocol;
    }

    /// <summary>The car goes out, stays behind (not taken), or comes back, inside the protocol's transaction; a failure to return instead.</summary>
    private async Task<Failure?> HandOverCarAsync(Booking booking, ProtocolKind kind, ReplacementCarInput? car, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (car is null) return null;
        if (kind == ProtocolKind.Pickup && car.NotTaken == true)
        {
            await carLoans.ReleaseAsync(booking.Id, cancellationToken);
            return null;
        }
        var handover = kind == ProtocolKind.Pickup
            ? await carLoans.HandOutAsync(booking.Id, car.CarId!.Value, car.OdometerKm!.Value, car.FuelPercent!.Value, cancellationToken)
            : await carLoans.TakeBackAsync(booking.Id, booking.Number, car.OdometerKm!.Value, car.FuelPercent!.Value,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ((Cities.CityTenantInfo)db.TenantInfo!).TimeZone).DateTime), cancellationToken);
        return handover switch
        {
            CarLoans.Handover.Done => null,
            CarLoans.Handover.CarNotFree => Result.Invalid("replacementCar.carId", "Dieser Ersatzwagen ist gerade bei einem anderen Kunden; bitte einen anderen wählen."),
            _ => Result.Conflict("Der Ersatzwagen dieser Buchung wurde gerade schon übergeben."),
        };
    }

    /// <summary>
    /// The replacement car's part: at pickup of a reserved loan a free car with km and fuel (or "not taken"),
    /// at return of a car that is out its km (not below what it left with) and fuel; nothing for a booking without one.
    /// </summary>
    private async Task<List<(string Field, string Message)>> ValidateCarAsync(ReplacementCarInput? car, ProtocolKind kind, CarLoan? loan, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var expected = (kind, loan?.Status) is (ProtocolKind.Pickup, CarLoanStatus.Reserved) or (ProtocolKind.Return, CarLoanStatus.Out);
        if (!expected)
        {
            if (car is not null) errors.Add(("replacementCar", "Zu dieser Übergabe gehört kein Ersatzwagen."));
            return errors;
        }
        if (car is null)
        {
            errors.Add(("replacementCar", kind == ProtocolKind.Pickup
                ? "Zu dieser Buchung gehört ein Ersatzwagen: bitte Wagen, Kilometerstand und Tankstand angeben, oder dass der Kunde ihn nicht nimmt."
                : "Bitte Kilometerstand und Tankstand des Ersatzwagens bei der Rücknahme angeben."));
            return errors;
        }
        if (kind == ProtocolKind.Pickup && car.NotTaken == true) return errors;
        if (kind == ProtocolKind.Return && car.NotTaken == true) errors.Add(("replacementCar.notTaken", "Der Ersatzwagen ist beim Kunden; bitte seine Rücknahme aufnehmen."));
        int? lastKm = loan!.KmOut;
        if (kind == ProtocolKind.Pickup)
        {
            var free = car.CarId is { } id && await db.ReplacementCars.AnyAsync(c => c.Id == id && c.Status == ReplacementCarStatus.Available, cancellationToken);
            if (!free) errors.Add(("replacementCar.carId", "Bitte einen freien Ersatzwagen der Flotte wählen."));
            lastKm = free ? await carLoans.LastKnownKmAsync(car.CarId!.Value, cancellationToken) : null;
        }
        else if (car.CarId is { } claimed && claimed != loan.CarId)
        {
            errors.Add(("replacementCar.carId", "Das ist nicht der Wagen, den der Kunde bekommen hat."));
        }
        if (car.OdometerKm is not (>= 0 and <= MaxOdometerKm)) errors.Add(("replacementCar.odometerKm", "Bitte den Kilometerstand des Ersatzwagens angeben (0 bis 2.000.000 km)."));
        else if (lastKm is { } last && car.OdometerKm < last) errors.Add(("replacementCar.odometerKm", $"Der Kilometerstand des Ersatzwagens kann nicht unter dem zuletzt aufgenommenen liegen ({last:N0} km)."));
        else if (kind == ProtocolKind.Return && car.OdometerKm - lastKm > MaxKmBetweenHandovers)
            errors.Add(("replacementCar.odometerKm", $"Mehr als {MaxKmBetweenHandovers:N0} km mit dem Ersatzwagen: bitte den Kilometerstand prüfen."));
        if (car.FuelPercent is not (>= 0 and <= 100)) errors.Add(("replacementCar.fuelPercent", "Bitte den Tank- oder Ladestand des Ersatzwagens in Prozent angeben (0 bis 100)."));
        return errors;
    }

    /// <summary>What the jockey's page shows before a protocol: the booking, why nothing is due (null when it is), and the last km known.</summary>
    public sealed record Due(Booking Booking, string? NotDue, int? LastKnownKm, CarDue? ReplacementCar);

    /// <summary>The replacement car's part of the protocol due: at pickup the cars free to hand out, at return the car that is out (its plate and km then).</summary>
    public sealed record CarDue(IReadOnlyList<ReplacementCar> FreeCars, string? OutPlate, int? KmOut);

    /// <returns>Null (404) unless the caller is a jockey of the booking.</returns>
    public async Task<Due?> DueAsync(Guid bookingId, ProtocolKind kind, Caller caller, CancellationToken cancellationToken = default)
    {
        if (await ProtocolRules.ErrandAsync(db, parties, bookingId, kind, caller, cancellationToken) is not { } errand) return null;
        var booking = errand.Found.Booking;
        if (errand.Failure is { } notDue) return new Due(booking, notDue.Reason, null, null);
        return new Due(booking, null, await LastKnownKmAsync(booking, kind, cancellationToken), await CarDueAsync(booking.Id, kind, cancellationToken));
    }

    private async Task<CarDue?> CarDueAsync(Guid bookingId, ProtocolKind kind, CancellationToken cancellationToken)
    {
        var loan = await db.CarLoans.AsNoTracking().SingleOrDefaultAsync(l => l.BookingId == bookingId, cancellationToken);
        switch (kind, loan?.Status)
        {
            case (ProtocolKind.Pickup, CarLoanStatus.Reserved):
                return new CarDue(await db.ReplacementCars.AsNoTracking().Where(c => c.Status == ReplacementCarStatus.Available)
                    .OrderBy(c => c.LicensePlate).ToListAsync(cancellationToken), null, null);
            case (ProtocolKind.Return, CarLoanStatus.Out):
                var plate = await db.ReplacementCars.AsNoTracking().Where(c => c.Id == loan!.CarId).Select(c => c.LicensePlate).SingleAsync(cancellationToken);
                return new CarDue([], plate, loan!.KmOut);
            default:
                return null;
        }
    }

    /// <summary>At return the pickup's reading; at pickup the last return protocol of the same car in this city, if any.</summary>
    private async Task<int?> LastKnownKmAsync(Booking booking, ProtocolKind kind, CancellationToken cancellationToken)
    {
        if (kind == ProtocolKind.Return)
            return await db.HandoverProtocols.AsNoTracking().Where(p => p.BookingId == booking.Id && p.Kind == ProtocolKind.Pickup)
                .Select(p => (int?)p.OdometerKm).SingleOrDefaultAsync(cancellationToken);
        return await (
            from protocol in db.HandoverProtocols.AsNoTracking()
            join earlier in db.Bookings.AsNoTracking() on protocol.BookingId equals earlier.Id
            where earlier.LicensePlate == booking.LicensePlate && earlier.Id != booking.Id
            orderby protocol.RecordedAt descending
            select (int?)protocol.OdometerKm).FirstOrDefaultAsync(cancellationToken);
    }

    private static Dictionary<string, string[]> Validate(Request request, ProtocolKind kind, IReadOnlyList<ProtocolPhoto> photos, int? lastKm, out byte[]? signature)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(bool ok, string field, string message) { if (!ok) errors.TryAdd(field, [message]); }

        Require(request.OdometerKm is >= 0 and <= MaxOdometerKm, "odometerKm", "Bitte den Kilometerstand angeben (0 bis 2.000.000 km).");
        if (request.OdometerKm is { } km && lastKm is { } last)
        {
            Require(km >= last, "odometerKm", $"Der Kilometerstand kann nicht unter dem zuletzt aufgenommenen liegen ({last:N0} km).");
            Require(kind == ProtocolKind.Pickup || km - last <= MaxKmBetweenHandovers, "odometerKm", $"Mehr als {MaxKmBetweenHandovers:N0} km seit der Abholung: bitte den Kilometerstand prüfen.");
        }
        Require(request.FuelPercent is >= 0 and <= 100, "fuelPercent", "Bitte den Tank- oder Ladestand in Prozent angeben (0 bis 100).");
        Require(request.Keys is >= 1 and <= 10, "keys", "Bitte die Zahl der Schlüssel angeben (1 bis 10).");
        Require(request.Documents is { Count: <= 10 } documents && documents.All(d => Enum.TryParse<CarDocument>(d, ignoreCase: true, out _) && !int.TryParse(d, out _)),
            "documents", $"Bitte nur diese Unterlagen angeben: {string.Join(", ", Enum.GetNames<CarDocument>())}.");
        Require(request.SignedBy?.Trim() is { Length: >= 2 and <= 120 } name && !name.Any(char.IsControl), "signedBy", "Bitte den Namen dessen angeben, der unterschreibt.");

        var damagePhotos = photos.Where(p => p.Slot == PhotoSlot.Damage).Select(p => p.Id).ToHashSet();
        if (request.Damages is not { Count: <= 30 } damages)
        {
            errors["damages"] = ["Bitte die Schäden als Liste angeben (höchstens 30; eine leere Liste, wenn keine)."];
        }
        else
        {
            for (var i = 0; i < damages.Count; i++)
            {
                var damage = damages[i];
                Require(damage is not null && Enum.TryParse<CarArea>(damage.Area, ignoreCase: true, out _) && !int.TryParse(damage.Area, out _),
                    $"damages[{i}].area", "Bitte die Stelle am Auto wählen.");
                Require(damage is { X: >= 0 and <= 1, Y: >= 0 and <= 1 }, $"damages[{i}].x", "Bitte die Stelle auf der Skizze antippen.");
                Require(damage?.Note?.Trim() is { Length: >= 2 and <= 500 } note && !note.Any(c => char.IsControl(c) && c is not ('\n' or '\r')),
                    $"damages[{i}].note", "Bitte den Schaden kurz beschreiben (2 bis 500 Zeichen).");
                Require(damage?.PhotoId is null || damagePhotos.Contains(damage.PhotoId.Value), $"damages[{i}].photoId", "Dieses Schadensfoto gehört nicht zu diesem Protokoll.");
            }
        }

        if (request.PhotoIds is not { } ids || ids.Any(id => photos.All(p => p.Id != id)))
        {
            errors["photoIds"] = ["Bitte nur Fotos dieses Protokolls angeben."];
        }
        else
        {
            var missing = HandoverProtocol.RequiredPhotos.Where(slot => !photos.Any(p => p.Slot == slot && ids.Contains(p.Id))).ToList();
            Require(missing.Count == 0, "photoIds", $"Es fehlen Fotos: {string.Join(", ", missing.Select(slot => ProtocolLabels.Photo(slot)))}.");
        }

        signature = Signature(request.SignaturePng);
        Require(signature is not null, "signaturePng", "Bitte unterschreiben lassen (die Unterschrift fehlt oder ist kein PNG).");
        return errors;
    }

    /// <summary>The PNG of a data URL, when it is one: at most 512 KB, decodable, of a sensible size.</summary>
    private static byte[]? Signature(string? dataUrl)
    {
        if (dataUrl is null || !dataUrl.StartsWith(SignaturePrefix, StringComparison.Ordinal)) return null;
        var base64 = dataUrl.AsSpan(SignaturePrefix.Length);
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (base64.Length > MaxSignatureBytes * 4 / 3 + 4 || !Convert.TryFromBase64Chars(base64, bytes, out var written)) return null;
        bytes = bytes[..written];
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png || codec.Info.Width is < 50 or > 3000 || codec.Info.Height is < 20 or > 2000) return null;
        using var bitmap = SKBitmap.Decode(codec);
        return bitmap is not null && HasInk(bitmap) ? bytes : null;
    }

    /// <summary>An empty canvas is no signature: some pixels must be drawn (not transparent, not near white).</summary>
    private static bool HasInk(SKBitmap bitmap)
    {
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Alpha > 64 && pixel.Red + pixel.Green + pixel.Blue < 600 && ++inked >= 20) return true;
            }
        return false;
    }
}
