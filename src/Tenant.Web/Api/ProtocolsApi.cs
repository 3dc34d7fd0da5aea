using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Storage;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Api;

/// <summary>
/// The handover and return protocols with their photos, and the car's steps in between, for the phone
/// pages and future apps. Every route is for the booking's customer, its jockey, its workshop's staff and
/// admins (writing only for whom the step is); anyone else gets a 404, as for a booking that does not exist.
/// </summary>
public static class ProtocolsApi
{
    /// <summary>A photo's upload: the multipart envelope on top of the 10 MB photo.</summary>
    public const int MaxPhotoRequestBytes = Photos.MaxBytes + 64 * 1024;

    /// <summary>A protocol's JSON: the signature's PNG (at most 512 KB, base64) and the damages' notes.</summary>
    public const int MaxProtocolRequestBytes = 1024 * 1024;

    /// <summary>The protocol's kind in a route: the two there are, so any other path is no route at all (404).</summary>
    private const string Kind = "{kind:regex(^(pickup|return)$)}";

    public sealed record PhotoResponse(Guid Id, string Slot, int Width, int Height, string Url, string ThumbnailUrl);

    public sealed record DamageResponse(string Area, double X, double Y, string Note, Guid? PhotoId, bool IsNew);

    public sealed record ComparisonResponse(int PickupOdometerKm, int KmDriven, int AllowanceKm, bool OverAllowance, int PickupFuelPercent, bool FuelLower, int NewDamages);

    /// <param name="PdfUrl">Null until the PDF is made (a job does it within seconds).</param>
    public sealed record ProtocolResponse(
        Guid Id, Guid BookingId, string Kind, DateTimeOffset RecordedAt, int OdometerKm, int FuelPercent, int Keys, IReadOnlyList<string> Documents,
        IReadOnlyList<DamageResponse> Damages, string SignedBy, string SignatureUrl, IReadOnlyList<PhotoResponse> Photos,
        ComparisonResponse? Comparison, string? PdfUrl, ReplacementCarResponse? ReplacementCar);

    /// <summary>The replacement car's own handover: out at pickup (plate, km, fuel), and at return back too.</summary>
    public sealed record ReplacementCarResponse(string LicensePlate, string Model, int KmOut, int FuelOutPercent, int? KmBack, int? FuelBackPercent);

    public sealed record TransitionRequest(string? To);

    public static RouteGroupBuilder MapProtocolsApi(this RouteGroupBuilder api)
    {
        var bookings = api.MapGroup("/bookings/{id:guid}").WithTags("Protocols").RequireAuthorization().DisableAntiforgery();
        bookings.MapPost($"/protocols/{Kind}/photos", UploadPhotoAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxPhotoRequestBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        bookings.MapPost($"/protocols/{Kind}", RecordAsync).WithMetadata(new RequestSizeLimitAttribute(MaxProtocolRequestBytes));
        bookings.MapGet($"/protocols/{Kind}", GetAsync);
        bookings.MapGet($"/protocols/{Kind}.pdf", GetPdfAsync).Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        bookings.MapGet($"/protocols/{Kind}/signature.png", GetSignatureAsync).Produces(StatusCodes.Status200OK, contentType: "image/png");
        bookings.MapGet("/photos/{photoId:guid}", GetPhotoAsync).Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        bookings.MapPost("/transitions", MoveAsync).WithTags("Bookings");
        return api;
    }

    /// <summary>
    /// One photo for the protocol (multipart: <c>file</c>, and <c>slot</c> = front|rear|left|right|odometer|damage),
    /// from the errand's jockey. The same <c>Idempotency-Key</c> again answers with the first photo. 413 above
    /// 10 MB or for an image of absurd pixel size; 415 for bytes that are no JPEG, PNG or WebP photo.
    /// </summary>
    private static async Task<Results<Created<PhotoResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> UploadPhotoAsync(
        Guid id, string kind, IFormFile? file, [FromForm] string? slot, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context, UploadProtocolPhoto upload, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var protocolKind)) return TypedResults.NotFound();
        if (!Enum.TryParse<PhotoSlot>(slot, ignoreCase: true, out var photoSlot) || int.TryParse(slot, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slot"] = ["Bitte angeben, was das Foto zeigt: front, rear, left, right, odometer oder damage."] });
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Bitte ein Foto mitschicken."] });
        if (file.Length > Photos.MaxBytes) return TooLarge("Ein Foto darf höchstens 10 MB groß sein.");

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, cancellationToken);
        var uploaded = await upload.RunAsync(id, protocolKind, photoSlot, bytes, idempotencyKey, context.Caller()!, cancellationToken);
        if (uploaded.Succeeded) return TypedResults.Created($"/api/v1/bookings/{id}/photos/{uploaded.Value.Id}", ToResponse(id, uploaded.Value));
        return uploaded.Failure.Status switch
        {
            ResultStatus.TooLarge => TooLarge(uploaded.Failure.Reason!),
            ResultStatus.UnsupportedType => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: uploaded.Failure.Reason),
            ResultStatus.NotFound => TypedResults.NotFound(),
            ResultStatus.Invalid => ResultHttp.Invalid(uploaded.Failure),
            _ => ResultHttp.Conflict(uploaded.Failure),
        };
    }

    /// <summary>
    /// The protocol, from the errand's jockey with the customer's signature: 201, and the booking moves on
    /// (picked up; returned, and completed when nothing is left to pay). 400 names each field (a required photo
    /// missing, no signature, km below the last known value); 409 for a second protocol or a booking at another step.
    /// </summary>
    private static async Task<Results<Created<ProtocolResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> RecordAsync(
        Guid id, string kind, RecordProtocol.Request request, HttpContext context, RecordProtocol record, ReadProtocols read, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var protocolKind)) return TypedResults.NotFound();
        var recorded = await record.RunAsync(id, protocolKind, request, context.Caller()!, context.GetAuditOrigin(), cancellationToken);
        if (recorded.Failure is { } failure)
        {
            return failure.Status switch
            {
                ResultStatus.NotFound => TypedResults.NotFound(),
                ResultStatus.Invalid => ResultHttp.Invalid(failure),
                _ => ResultHttp.Conflict(failure),
            };
        }
        var view = (await read.ViewAsync(id, protocolKind, cancellationToken))!;
        return TypedResults.Created($"/api/v1/bookings/{id}/protocols/{kind.ToLowerInvariant()}", ToResponse(view));
    }

    private static async Task<Results<Ok<ProtocolResponse>, NotFound>> GetAsync(Guid id, string kind, HttpContext context, ReadProtocols read, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var protocolKind)) return TypedResults.NotFound();
        var view = await read.RunAsync(id, protocolKind, context.Caller()!, cancellationToken);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(view));
    }

    /// <summary>The protocol's PDF, once the job has made it; a 404 before.</summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> GetPdfAsync(
        Guid id, string kind, HttpContext context, ReadProtocols read, CityFiles files, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var protocolKind)) return TypedResults.NotFound();
        if (await read.RunAsync(id, protocolKind, context.Caller()!, cancellationToken) is not { Protocol.PdfPath: { } path } view) return TypedResults.NotFound();
        if (await files.OpenAsync(CityId(context), path, cancellationToken) is not { } file) return TypedResults.NotFound();
        var name = $"{(protocolKind == ProtocolKind.Pickup ? "Abholprotokoll" : "Rueckgabeprotokoll")}-{Platform.Bookings.Booking.NumberFor(id)}.pdf";
        return TypedResults.File(file.Content, "application/pdf", name);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> GetSignatureAsync(
        Guid id, string kind, HttpContext context, ReadProtocols read, CityFiles files, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var protocolKind)) return TypedResults.NotFound();
        if (await read.RunAsync(id, protocolKind, context.Caller()!, cancellationToken) is not { } view) return TypedResults.NotFound();
        return await files.OpenAsync(CityId(context), view.Protocol.SignaturePath, cancellationToken) is { } file
            ? TypedResults.File(file.Content, "image/png")
            : TypedResults.NotFound();
    }

    /// <summary>A photo of the booking (<c>?thumbnail=true</c> for the small one), for the booking's parties only.</summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> GetPhotoAsync(
        Guid id, Guid photoId, bool? thumbnail, HttpContext context, BookingParties parties, Platform.Data.PlatformDbContext db, CityFiles files,
        CancellationToken cancellationToken)
    {
        if (await parties.FindAsync(id, context.Caller()!, cancellationToken: cancellationToken) is null) return TypedResults.NotFound();
        var photo = await db.ProtocolPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.BookingId == id, cancellationToken);
        if (photo is null) return TypedResults.NotFound();
        var file = await files.OpenAsync(CityId(context), thumbnail == true ? photo.ThumbnailPath : photo.Path, cancellationToken);
        if (file is null) return TypedResults.NotFound();
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(file.Content, "image/jpeg");
    }

    /// <summary>
    /// The car's next step: <c>AtWorkshop</c> (the pickup's jockey hands it over), <c>InService</c> and
    /// <c>ReadyForReturn</c> (the workshop's staff). 409 from the wrong step.
    /// </summary>
    private static async Task<Results<Ok<BookingsApi.BookingResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> MoveAsync(
        Guid id, TransitionRequest request, HttpContext context, MoveBooking move, Platform.Fleet.CarLoans carLoans, CancellationToken cancellationToken)
    {
        var moved = await move.RunAsync(id, request.To, context.Caller()!, context.GetAuditOrigin(), cancellationToken);
        var loan = moved.Succeeded ? await carLoans.ForAsync(id, cancellationToken) : null;
        return moved.ToHttp(booking => BookingsApi.ToResponse(booking, null, context, loan));
    }

    private static bool TryKind(string kind, out ProtocolKind protocolKind)
    {
        protocolKind = kind switch { "pickup" => ProtocolKind.Pickup, "return" => ProtocolKind.Return, _ => (ProtocolKind)(-1) };
        return Enum.IsDefined(protocolKind);
    }

    private static Guid CityId(HttpContext context) => context.GetTenantInfo<Platform.Cities.CityTenantInfo>()!.Id;

    private static ProblemHttpResult TooLarge(string reason) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: reason);

    private static PhotoResponse ToResponse(Guid bookingId, ProtocolPhoto photo) =>
        new(photo.Id, photo.Slot.ToString().ToLowerInvariant(), photo.Width, photo.Height,
            $"/api/v1/bookings/{bookingId}/photos/{photo.Id}", $"/api/v1/bookings/{bookingId}/photos/{photo.Id}?thumbnail=true");

    public static ProtocolResponse ToResponse(ReadProtocols.View view)
    {
        var (protocol, comparison) = (view.Protocol, view.Comparison);
        var kind = protocol.Kind.ToString().ToLowerInvariant();
        var root = $"/api/v1/bookings/{protocol.BookingId}/protocols/{kind}";
        return new ProtocolResponse(
            protocol.Id, protocol.BookingId, protocol.Kind.ToString(), protocol.RecordedAt, protocol.OdometerKm, protocol.FuelPercent, protocol.Keys,
            protocol.Documents.Select(d => d.ToString()).ToList(),
            protocol.Damages.Select((d, i) => new DamageResponse(d.Area.ToString(), d.X, d.Y, d.Note, d.PhotoId, comparison?.NewDamages.Contains(i) == true)).ToList(),
            protocol.SignedBy, $"{root}/signature.png", view.Photos.Select(p => ToResponse(protocol.BookingId, p)).ToList(),
            comparison is null ? null : new ComparisonResponse(comparison.PickupOdometerKm, comparison.KmDriven, comparison.AllowanceKm, comparison.OverAllowance,
                comparison.PickupFuelPercent, comparison.FuelLower, comparison.NewDamages.Count),
            protocol.PdfPath is null ? null : $"{root}.pdf",
            view.ReplacementCar is { } car ? new ReplacementCarResponse(car.LicensePlate, car.Model, car.KmOut, car.FuelOut, car.KmBack, car.FuelBack) : null);
    }
}
