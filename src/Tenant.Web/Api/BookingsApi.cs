using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Scheduling;
using Autowartung.Web.Access;
using Autowartung.Web.Bookings;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Autowartung.Tenant.Web.Api;

/// <summary>Slots and bookings: <c>GET /slots?quoteId=</c>, <c>POST /bookings</c>, and the customer's own bookings.</summary>
public static class BookingsApi
{
    public sealed record Slot(string Id, DateOnly Date, string Start, string End, int Remaining);

    /// <param name="Code">What happened, for programs; <paramref name="Text"/> says it in the request's language.</param>
    public sealed record TimelineEntry(DateTimeOffset At, string Status, string Code, string Text);

    /// <summary>The booking's payment as our server verified it with Stripe. <c>failure</c> is the provider's code of the last failed attempt.</summary>
    public sealed record PaymentState(string Status, int AmountCents, int RefundedCents, string? Method, string? Failure);

    /// <summary>Who comes for the car: the first name only, as the customer's email says it.</summary>
    public sealed record JockeyRef(string FirstName);

    /// <summary>A recorded protocol: its JSON and, once the job has made it, its PDF.</summary>
    public sealed record ProtocolLink(string Kind, DateTimeOffset RecordedAt, string Url, string? PdfUrl);

    /// <summary>The replacement car booked with the order: <c>status</c> is Reserved, Out, Back or Released (not taken after all); the days are city dates.</summary>
    public sealed record ReplacementCarState(string Status, DateOnly FirstDay, DateOnly LastDay);

    /// <summary>Until which day (city date) a replacement car is free on every day from <c>from</c>; null when none is free that day.</summary>
    public sealed record ReplacementCarAvailability(DateOnly From, DateOnly? FreeUntil);

    /// <param name="PaymentUrl">Stripe's hosted checkout, while the booking waits for payment.</param>
    /// <param name="Jockey">The jockey assigned to the car's next errand; null while none is.</param>
    /// <param name="Protocols">The pickup's and the return's protocols, as far as they are recorded.</param>
    public sealed record BookingResponse(
        Guid Id, string Status, Guid QuoteId, string SlotId, DateOnly Date, string Start, string End, DateTimeOffset HoldExpiresAt,
        string LicensePlate, QuotesApi.Vehicle Vehicle, IReadOnlyList<QuotesApi.Line> Lines, int TotalGrossCents, IReadOnlyList<TimelineEntry> Timeline,
        string? PaymentUrl, PaymentState? Payment, JockeyRef? Jockey, IReadOnlyList<ProtocolLink> Protocols, ReplacementCarState? ReplacementCar);

    public sealed record CancellationResponse(BookingResponse Booking, int RefundCents, int FeeCents);

    public static RouteGroupBuilder MapBookingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/slots", GetSlotsAsync).AllowAnonymous().WithTags("Slots");
        api.MapGet("/replacement-cars", GetReplacementCarsAsync).AllowAnonymous().WithTags("Slots");
        var bookings = api.MapGroup("/bookings").WithTags("Bookings").DisableAntiforgery();
        bookings.MapPost("/", CreateAsync).AllowAnonymous();
        bookings.MapGet("/", ListAsync).RequireAuthorization();
        bookings.MapGet("/{id:guid}", GetAsync).RequireAuthorization();
        bookings.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization();
        return api;
    }

    /// <summary>The bookable windows for a quote's workshop, only those with a place left.</summary>
    private static async Task<Results<Ok<IReadOnlyList<Slot>>, NotFound, ValidationProblem>> GetSlotsAsync(
        Guid? quoteId, PlatformDbContext db, FindSlots findSlots, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (quoteId is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quoteId"] = ["Bitte das Angebot angeben."] });
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == quoteId, cancellationToken);
        if (quote is null) return TypedResults.NotFound();
        if (!quote.IsValidAt(clock.GetUtcNow()))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quoteId"] = ["Das Angebot ist abgelaufen."] });
        var slots = await findSlots.RunAsync(quote.WorkshopId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<Slot>>(slots.Select(s => new Slot(s.Id, s.Date, s.Start.ToString("HH:mm"), s.End.ToString("HH:mm"), s.Remaining)).ToList());
    }

    /// <summary>Whether a replacement car can go along with a pickup on <c>from</c>, and until which day (at most <see cref="CreateBooking.MaxReturnDays"/> ahead).</summary>
    private static async Task<Results<Ok<ReplacementCarAvailability>, ValidationProblem>> GetReplacementCarsAsync(
        DateOnly? from, CarLoans carLoans, HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = context.GetTenantInfo<CityTenantInfo>()!.TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        if (from is not { } day || day < today || day > today.AddYears(1))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Bitte den Abholtag angeben (YYYY-MM-DD, ab heute, höchstens ein Jahr voraus)."] });
        return TypedResults.Ok(new ReplacementCarAvailability(day, await carLoans.FreeUntilAsync(day, CreateBooking.MaxReturnDays, cancellationToken)));
    }

    /// <summary>
    /// Holds the slot, creates the booking and opens Stripe's checkout for it (201, with <c>paymentUrl</c>).
    /// The same <c>Idempotency-Key</c> with the same body answers with the same booking and checkout; with
    /// another body, 400. A place taken meanwhile is a 409. Should Stripe be unreachable, the booking is
    /// still held and <c>paymentUrl</c> is null; the same request again (same key) asks Stripe again.
    /// </summary>
    private static async Task<Results<Created<BookingResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CreateAsync(
        CreateBooking.Request request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
        CreateBooking createBooking, StartCheckout startCheckout, CarLoans carLoans, CancellationToken cancellationToken)
    {
        var signedIn = context.Features.Get<UserAccess>()?.UserId;
        var held = await createBooking.RunAsync(request, idempotencyKey ?? "", signedIn, cancellationToken);
        if (held.Succeeded)
        {
            // The booking was just held in this city, so its checkout is found; only its state varies.
            var checkout = (await startCheckout.RunAsync(held.Value.Id, cancellationToken)).Value;
            var loan = await carLoans.ForAsync(held.Value.Id, cancellationToken);
            return TypedResults.Created($"/api/v1/bookings/{held.Value.Id}", ToResponse(held.Value, checkout.Payment, context, loan));
        }
        return held.Failure.Status switch
        {
            ResultStatus.NotFound => TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = held.Failure.Reason }),
            ResultStatus.Conflict => ResultHttp.Conflict(held.Failure),
            _ => TypedResults.ValidationProblem(held.Failure.Errors.ToDictionary(), title: "Die Buchung ist so nicht möglich."),
        };
    }

    private static async Task<Ok<List<BookingResponse>>> ListAsync(HttpContext context, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var customer = context.Features.Get<UserAccess>()!.UserId;
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.CustomerUserId == customer).OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.Id).ToList();
        var payments = await db.Payments.AsNoTracking().CheckoutsOf(ids)
            .ToDictionaryAsync(p => p.BookingId, cancellationToken);
        var loans = await db.CarLoans.AsNoTracking().Where(l => ids.Contains(l.BookingId)).ToDictionaryAsync(l => l.BookingId, cancellationToken);
        return TypedResults.Ok(bookings.Select(b => ToResponse(b, payments.GetValueOrDefault(b.Id), context, loans.GetValueOrDefault(b.Id))).ToList());
    }

    /// <summary>A booking for its customer, its jockeys, its workshop's staff and admins; for anyone else, or of another city, a 404.</summary>
    private static async Task<Results<Ok<BookingResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, BookingParties parties, PlatformDbContext db, CancellationToken cancellationToken)
    {
        if (await parties.FindAsync(id, context.Caller()!, cancellationToken: cancellationToken) is not { } found) return TypedResults.NotFound();
        var protocols = await db.HandoverProtocols.AsNoTracking().Where(p => p.BookingId == id).OrderBy(p => p.RecordedAt).ToListAsync(cancellationToken);
        var loan = await db.CarLoans.AsNoTracking().SingleOrDefaultAsync(l => l.BookingId == id, cancellationToken);
        return TypedResults.Ok(ToResponse(found.Booking, await BookingPaymentAsync(db, id, cancellationToken), context, loan) with
        {
            Protocols = protocols.Select(Link).ToList(),
        });

        static ProtocolLink Link(HandoverProtocol protocol)
        {
            var url = $"/api/v1/bookings/{protocol.BookingId}/protocols/{protocol.Kind.ToString().ToLowerInvariant()}";
            return new ProtocolLink(protocol.Kind.ToString(), protocol.RecordedAt, url, protocol.PdfPath is null ? null : $"{url}.pdf");
        }
    }

    /// <summary>
    /// The customer cancels their booking: free inside the city's window (full refund), later the city's
    /// fee is kept. 409 once the car is picked up, or for a booking already cancelled.
    /// </summary>
    private static async Task<Results<Ok<CancellationResponse>, NotFound, Conflict<ProblemDetails>>> CancelAsync(
        Guid id, HttpContext context, CancelBooking cancelBooking, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var customer = context.Features.Get<UserAccess>()!.UserId;
        var cancelled = await cancelBooking.RunAsync(id, CancelledBy.Customer, null, customer, cancellationToken);
        if (cancelled.Failure is { } failure) return failure.Status == ResultStatus.NotFound ? TypedResults.NotFound() : ResultHttp.Conflict(failure);
        var (booking, refund, fee) = cancelled.Value;
        var loan = await db.CarLoans.AsNoTracking().SingleOrDefaultAsync(l => l.BookingId == id, cancellationToken);
        return TypedResults.Ok(new CancellationResponse(ToResponse(booking, await BookingPaymentAsync(db, id, cancellationToken), context, loan), refund, fee));
    }

    private static Task<Payment?> BookingPaymentAsync(PlatformDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().CheckoutOf(bookingId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Times in the city's own zone: what the customer sees on the page and in the email.</summary>
    internal static BookingResponse ToResponse(Booking booking, Payment? payment, HttpContext context, CarLoan? loan)
    {
        var zone = context.GetTenantInfo<CityTenantInfo>()!.TimeZone;
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<UiText>>();
        return new BookingResponse(
            booking.Id, booking.Status.ToString(), booking.QuoteId, booking.SlotId, booking.SlotDate,
            TimeZoneInfo.ConvertTime(booking.PickupStartUtc, zone).ToString("HH:mm"), TimeZoneInfo.ConvertTime(booking.PickupEndUtc, zone).ToString("HH:mm"),
            booking.HoldExpiresAt, booking.LicensePlate,
            new QuotesApi.Vehicle(booking.Vehicle.Make, booking.Vehicle.Model, booking.Vehicle.Year, booking.Vehicle.Fuel.ToString(), booking.Vehicle.MileageKm, booking.Vehicle.Class.ToString()),
            booking.Lines.Select(l => new QuotesApi.Line(l.Code, l.Description, l.NetCents, l.VatCents, l.GrossCents)).ToList(),
            booking.TotalGrossCents,
            booking.Events.Select(e => new TimelineEntry(e.At, e.Status.ToString(), e.Code.ToString(), BookingTimeline.Describe(e, text))).ToList(),
            booking.Status == BookingStatus.PendingPayment ? payment?.CheckoutUrl : null,
            payment is null ? null : new PaymentState(payment.Status.ToString(), payment.AmountCents, payment.RefundedCents, payment.PaymentMethodLabel, payment.FailureCode),
            booking.JockeyFirstName is { } jockey ? new JockeyRef(jockey) : null, [],
            loan is null ? null : new ReplacementCarState(loan.Status.ToString(), loan.FirstDay, loan.LastDay));
    }
}
