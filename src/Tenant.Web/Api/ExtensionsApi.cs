using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Extensions;
using Autowartung.Platform.Storage;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Api;

/// <summary>
/// Order extensions (Auftragserweiterung): the workshop's staff propose extra work with photos, the customer
/// decides item by item, the approved items are charged at once. A single-use link's secret (<c>k</c>) stands
/// in for the customer's sign-in on the decision's own routes.
/// </summary>
public static class ExtensionsApi
{
    public sealed record PhotoRef(Guid Id, string Url, string ThumbnailUrl);

    /// <param name="Outcome">Draft, Pending, ApprovedAndPaid, ApprovedAwaitingPayment, ApprovedPaymentFailed, Declined or Expired.</param>
    public sealed record ItemResponse(
        Guid Id, string Title, string Description, string Urgency, string? ServiceCode, int PartsNetCents, int LabourNetCents, int NetCents, int VatCents,
        int GrossCents, string Decision, string Outcome, IReadOnlyList<PhotoRef> Photos);

    /// <param name="Version">What the decision sends back as <c>pageVersion</c>: the items and amounts it agrees to.</param>
    /// <param name="PaymentStatus">The charge of the approved items, once there is one; <paramref name="PaymentActionUrl"/> where the customer confirms it when their bank asks.</param>
    public sealed record ExtensionResponse(
        Guid Id, Guid BookingId, string Status, string Version, DateTimeOffset? SentAt, DateTimeOffset? DecidedAt,
        int OrderTotalGrossCents, int ProposedGrossCents, int ApprovedGrossCents, int NewTotalGrossCents, IReadOnlyList<ItemResponse> Items,
        string? PaymentStatus, string? PaymentActionUrl);

    public static RouteGroupBuilder MapExtensionsApi(this RouteGroupBuilder api)
    {
        var bookings = api.MapGroup("/bookings/{id:guid}").WithTags("Extensions").DisableAntiforgery();
        bookings.MapPost("/extension-photos", UploadPhotoAsync).RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(ProtocolsApi.MaxPhotoRequestBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        bookings.MapGet("/extension-photos/{photoId:guid}", GetPhotoAsync).AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        bookings.MapPost("/extensions", DraftAsync).RequireAuthorization();
        bookings.MapGet("/extensions", ListAsync).RequireAuthorization();
        var extensions = api.MapGroup("/extensions/{id:guid}").WithTags("Extensions").DisableAntiforgery();
        extensions.MapPut("/", UpdateAsync).RequireAuthorization();
        extensions.MapPost("/send", SendAsync).RequireAuthorization();
        extensions.MapGet("/", GetAsync).AllowAnonymous();
        extensions.MapPost("/decision", DecideAsync).AllowAnonymous();
        return api;
    }

    /// <summary>A photo for proposed work (multipart <c>file</c>), from the booking's workshop while the car is in service. 413 above 10 MB, 415 for bytes that are no photo.</summary>
    private static async Task<Results<Created<PhotoRef>, NotFound, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> UploadPhotoAsync(
        Guid id, IFormFile? file, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context, UploadExtensionPhoto upload,
        CancellationToken cancellationToken)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Bitte ein Foto mitschicken."] });
        if (file.Length > Photos.MaxBytes) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Ein Foto darf höchstens 10 MB groß sein.");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, cancellationToken);
        var uploaded = await upload.RunAsync(id, bytes, idempotencyKey, context.Caller()!, cancellationToken);
        if (uploaded.Succeeded) return TypedResults.Created(PhotoUrl(id, uploaded.Value.Id), Photo(id, uploaded.Value.Id));
        return uploaded.Failure.Status switch
        {
            ResultStatus.TooLarge => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: uploaded.Failure.Reason),
            ResultStatus.UnsupportedType => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: uploaded.Failure.Reason),
            ResultStatus.NotFound => TypedResults.NotFound(),
            ResultStatus.Invalid => ResultHttp.Invalid(uploaded.Failure),
            _ => ResultHttp.Conflict(uploaded.Failure),
        };
    }

    /// <summary>A photo of proposed work (<c>?thumbnail=true</c> for the small one): for the booking's parties, or with the link of a proposal that shows it.</summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> GetPhotoAsync(
        Guid id, Guid photoId, bool? thumbnail, string? k, HttpContext context, Platform.Concierge.BookingParties parties, ReadExtensions read,
        Platform.Data.PlatformDbContext db, CityFiles files, CancellationToken cancellationToken)
    {
        var allowed = context.Caller() is { } caller && await parties.FindAsync(id, caller, cancellationToken: cancellationToken) is not null;
        if (!allowed && !await read.LinkShowsPhotoAsync(id, photoId, k, cancellationToken)) return TypedResults.NotFound();
        var photo = await db.ExtensionPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.BookingId == id, cancellationToken);
        if (photo is null) return TypedResults.NotFound();
        var city = context.GetTenantInfo<CityTenantInfo>()!.Id;
        return await files.OpenAsync(city, thumbnail == true ? photo.ThumbnailPath : photo.Path, cancellationToken) is { } file
            ? TypedResults.File(file.Content, "image/jpeg")
            : TypedResults.NotFound();
    }

    /// <summary>
    /// Writes the booking's draft proposal (or rewrites the one not sent yet), from its workshop's staff while the
    /// car is in service: 201. Nothing reaches the customer until it is sent. 400 names each item's fields; 409
    /// when the car is not in service or a proposal already waits for the customer.
    /// </summary>
    private static async Task<Results<Created<ExtensionResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> DraftAsync(
        Guid id, ProposeExtension.Request request, HttpContext context, ProposeExtension propose, ReadExtensions read, CancellationToken cancellationToken)
    {
        var drafted = await propose.DraftAsync(id, request, context.Caller()!, cancellationToken);
        if (drafted.Failure is { } failure)
            return failure.Status switch
            {
                ResultStatus.NotFound => TypedResults.NotFound(),
                ResultStatus.Invalid => ResultHttp.Invalid(failure),
                _ => ResultHttp.Conflict(failure),
            };
        var view = (await read.FindAsync(drafted.Value.Id, context.Caller(), null, cancellationToken))!;
        return TypedResults.Created($"/api/v1/extensions/{view.Extension.Id}", ToResponse(view));
    }

    private static async Task<Results<Ok<List<ExtensionResponse>>, NotFound>> ListAsync(Guid id, HttpContext context, ReadExtensions read, CancellationToken cancellationToken) =>
        await read.ForBookingAsync(id, context.Caller()!, cancellationToken) is { } views
            ? TypedResults.Ok(views.Select(ToResponse).ToList())
            : TypedResults.NotFound();

    /// <summary>Rewrites a draft; a sent proposal's amounts never change (409: send a new one instead).</summary>
    private static async Task<Results<Ok<ExtensionResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> UpdateAsync(
        Guid id, ProposeExtension.Request request, HttpContext context, ProposeExtension propose, ReadExtensions read, CancellationToken cancellationToken)
    {
        var updated = await propose.UpdateAsync(id, request, context.Caller()!, cancellationToken);
        if (updated.Failure is { } failure) return failure.Status switch
        {
            ResultStatus.NotFound => TypedResults.NotFound(),
            ResultStatus.Invalid => ResultHttp.Invalid(failure),
            _ => ResultHttp.Conflict(failure),
        };
        return TypedResults.Ok(ToResponse((await read.FindAsync(id, context.Caller(), null, cancellationToken))!));
    }

    /// <summary>Sends the draft: the booking moves to <c>AwaitingApproval</c> and the customer gets the link. 409 once sent, or when the car is not in service.</summary>
    private static async Task<Results<Ok<ExtensionResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> SendAsync(
        Guid id, HttpContext context, ProposeExtension propose, ReadExtensions read, CancellationToken cancellationToken)
    {
        var sent = await propose.SendAsync(id, context.Caller()!, context.GetAuditOrigin(), cancellationToken);
        if (sent.Failure is { } failure) return failure.Status switch
        {
            ResultStatus.NotFound => TypedResults.NotFound(),
            ResultStatus.Invalid => ResultHttp.Invalid(failure),
            _ => ResultHttp.Conflict(failure),
        };
        return TypedResults.Ok(ToResponse((await read.FindAsync(id, context.Caller(), null, cancellationToken))!));
    }

    /// <summary>A proposal for its booking's customer and staff, or for the holder of its link (<c>?k=</c>).</summary>
    private static async Task<Results<Ok<ExtensionResponse>, NotFound>> GetAsync(Guid id, string? k, HttpContext context, ReadExtensions read, CancellationToken cancellationToken) =>
        await read.FindAsync(id, context.Caller(), k, cancellationToken) is { } view ? TypedResults.Ok(ToResponse(view)) : TypedResults.NotFound();

    /// <summary>
    /// The customer's decision, once: every item approved or declined, with the <c>pageVersion</c> the page showed.
    /// The approved items are charged at once to the payment method saved at checkout; the answer carries each
    /// item's outcome. 400 for unknown, missing or doubled items or another version; 409 when decided or lapsed.
    /// </summary>
    private static async Task<Results<Ok<ExtensionResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> DecideAsync(
        Guid id, string? k, DecideExtension.Request request, HttpContext context, DecideExtension decide, ReadExtensions read, CancellationToken cancellationToken)
    {
        var decider = new Decider(context.Features.Get<UserAccess>()?.UserId, k);
        var decided = await decide.RunAsync(id, request, decider, context.GetAuditOrigin(), cancellationToken);
        if (decided.Failure is { } failure) return failure.Status switch
        {
            ResultStatus.NotFound => TypedResults.NotFound(),
            ResultStatus.Invalid => ResultHttp.Invalid(failure),
            _ => ResultHttp.Conflict(failure),
        };
        return TypedResults.Ok(ToResponse((await read.FindAsync(id, context.Caller(), k, cancellationToken))!));
    }

    private static string PhotoUrl(Guid bookingId, Guid photoId) => $"/api/v1/bookings/{bookingId}/extension-photos/{photoId}";

    private static PhotoRef Photo(Guid bookingId, Guid photoId) => new(photoId, PhotoUrl(bookingId, photoId), PhotoUrl(bookingId, photoId) + "?thumbnail=true");

    internal static ExtensionResponse ToResponse(ReadExtensions.View view)
    {
        var extension = view.Extension;
        return new ExtensionResponse(
            extension.Id, extension.BookingId, extension.Status.ToString(), extension.ItemsVersion, extension.SentAt, extension.DecidedAt,
            view.OrderTotalGrossCents, extension.ProposedGrossCents, extension.ApprovedGrossCents, view.NewTotalGrossCents,
            extension.Items.Select(i => new ItemResponse(i.Id, i.Title, i.Description, i.Urgency.ToString(), i.ServiceCode, i.PartsNetCents, i.LabourNetCents,
                i.NetCents, i.VatCents, i.GrossCents, i.Decision.ToString(), view.Outcome(i).ToString(), i.PhotoIds.Select(p => Photo(extension.BookingId, p)).ToList())).ToList(),
            view.Payment?.Status.ToString(), view.Payment?.Status == Platform.Payments.PaymentStatus.RequiresAction ? view.Payment.ActionUrl : null);
    }
}
