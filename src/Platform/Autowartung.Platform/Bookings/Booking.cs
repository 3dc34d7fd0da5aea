using Autowartung.Platform.Geography;
using Autowartung.Platform.Quotes;

namespace Autowartung.Platform.Bookings;

public enum BookingStatus
{
    PendingPayment,
    Confirmed,
    PickupAssigned,
    PickedUp,
    AtWorkshop,
    InService,
    AwaitingApproval,
    ReadyForReturn,
    ReturnAssigned,
    Returned,
    Completed,
    Cancelled,
    Expired,
}

/// <summary>The customer as they gave themselves on the booking.</summary>
public sealed record BookingContact(string Name, string Email, string Phone);

/// <summary>
/// A customer's order (tenant-owned): car, services and price (a snapshot of the quote), pickup slot
/// and address. It starts holding its slot while payment is pending; every change of status is kept
/// as an event of its timeline.
/// </summary>
public sealed class Booking
{
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(15);

    private readonly List<QuoteLine> _lines = [];
    private readonly List<BookingEvent> _events = [];

    private Booking() { }

    public Guid Id { get; private set; }

    public Guid QuoteId { get; private set; }

    public Guid WorkshopId { get; private set; }

    public Guid CustomerUserId { get; private set; }

    public BookingStatus Status { get; private set; }

    public Guid SlotWindowId { get; private set; }

    public DateOnly SlotDate { get; private set; }

    public DateTimeOffset PickupStartUtc { get; private set; }

    public DateTimeOffset PickupEndUtc { get; private set; }

    /// <summary>Until when the slot is held for payment; afterwards the hold lapses and the booking expires.</summary>
    public DateTimeOffset HoldExpiresAt { get; private set; }

    public BookingContact Contact { get; private set; } = null!;

    public Address Address { get; private set; } = null!;

    public string LicensePlate { get; private set; } = "";

    public QuotedVehicle Vehicle { get; private set; } = null!;

    public IReadOnlyList<QuoteLine> Lines => _lines;

    public int TotalGrossCents { get; private set; }

    public IReadOnlyList<BookingEvent> Events => _events;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Made while the city was still in onboarding, by its staff or an admin: proves the city works, counts in no KPI.</summary>
    public bool IsTest { get; private set; }

    /// <summary>The customer's language, as they booked (<c>de</c> or <c>en</c>): what their protocols and their emails are written in.</summary>
    public string Language { get; private set; } = German;

    public const string German = "de";

    public const string English = "en";

    public static readonly IReadOnlyList<string> Languages = [German, English];

    public bool InEnglish => Language == English;

    public string SlotId => Scheduling.SlotId.Format(SlotWindowId, SlotDate);

    /// <summary>
    /// The booking number customers quote, e.g. <c>AW-7KQ2-M9XD</c>: eight characters (Crockford's base 32,
    /// no I, L, O or U) of the random end of the id, so it is stable, needs no column, and tells nothing
    /// about how many bookings there are.
    /// </summary>
    public string Number => NumberFor(Id);

    public static string NumberFor(Guid id)
    {
        var random = ulong.Parse(id.ToString("N")[^10..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        const string digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> code = stackalloc char[8];
        for (var i = 7; i >= 0; i--, random >>= 5) code[i] = digits[(int)(random & 31)];
        return $"AW-{code[..4]}-{code[4..]}";
    }

    public static Booking Hold(
        Quote quote, Scheduling.SlotTime slot, Guid customerUserId, BookingContact contact, Address address, string licensePlate,
        DateTimeOffset now, TimeSpan hold, DateTimeOffset returnFromUtc, bool isTest = false, string language = German)
    {
        var booking = new Booking
        {
            Id = Guid.CreateVersion7(now),
            QuoteId = quote.Id,
            WorkshopId = quote.WorkshopId,
            CustomerUserId = customerUserId,
            Status = BookingStatus.PendingPayment,
            SlotWindowId = slot.WindowId,
            SlotDate = slot.Date,
            PickupStartUtc = slot.StartUtc,
            PickupEndUtc = slot.EndUtc,
            HoldExpiresAt = now + hold,
            ReturnFromUtc = returnFromUtc < slot.EndUtc ? slot.EndUtc : returnFromUtc,
            Contact = contact,
            Address = address,
            LicensePlate = licensePlate,
            Vehicle = quote.Vehicle,
            TotalGrossCents = quote.TotalGrossCents,
            CreatedAt = now,
            IsTest = isTest,
            Language = Languages.Contains(language) ? language : German,
        };
        booking._lines.AddRange(quote.Lines.Select(l => QuoteLine.Create(l.Code, l.Description, new Pricing.Amount(l.NetCents, l.VatCents))));
        booking._events.Add(BookingEvent.Create(now, BookingStatus.PendingPayment, BookingEventCode.Held));
        return booking;
    }

    /// <summary>
    /// From when the customer would like the car back (by default the pickup day from 16:00, city time): the
    /// return takes the first free window from then on once the car is ready.
    /// </summary>
    public DateTimeOffset ReturnFromUtc { get; private set; }

    /// <summary>The first name of the jockey on the car's current errand, as the customer was told it; null while none is assigned.</summary>
    public string? JockeyFirstName =>
        Status is not (BookingStatus.Cancelled or BookingStatus.Expired)
        && _events.LastOrDefault(e => e.Code is BookingEventCode.PickupAssigned or BookingEventCode.PickupReleased
                                          or BookingEventCode.ReturnAssigned or BookingEventCode.ReturnReleased or BookingEventCode.ReturnRescheduled)
            is { Code: BookingEventCode.PickupAssigned or BookingEventCode.ReturnAssigned } assigned
            ? assigned.Detail
            : null;

    /// <summary>The car is ready and its way back planned, but not yet under way: its return can still move.</summary>
    public bool IsReturnPlanned => Status is BookingStatus.ReadyForReturn or BookingStatus.ReturnAssigned;

    /// <summary>Before pickup a booking can still be called off; once the car is on its way, not.</summary>
    public bool IsCancellable => Status is BookingStatus.PendingPayment or BookingStatus.Confirmed or BookingStatus.PickupAssigned;

    /// <summary>The payment was verified by our server: the booking stands. Only from <see cref="BookingStatus.PendingPayment"/>, so it happens once.</summary>
    public bool Confirm(DateTimeOffset now)
    {
        if (Status != BookingStatus.PendingPayment) return false;
        Status = BookingStatus.Confirmed;
        _events.Add(BookingEvent.Create(now, BookingStatus.Confirmed, BookingEventCode.Confirmed));
        return true;
    }

    /// <summary>A jockey will fetch the car (their first name goes on the timeline): from confirmed, or again when another jockey takes over.</summary>
    public bool AssignPickup(DateTimeOffset now, string jockeyFirstName)
    {
        if (Status is not (BookingStatus.Confirmed or BookingStatus.PickupAssigned)) return false;
        Status = BookingStatus.PickupAssigned;
        _events.Add(BookingEvent.Create(now, BookingStatus.PickupAssigned, BookingEventCode.PickupAssigned, jockeyFirstName));
        return true;
    }

    /// <summary>Its jockey can no longer come: back to confirmed until another one is found.</summary>
    public bool ReleasePickup(DateTimeOffset now)
    {
        if (Status != BookingStatus.PickupAssigned) return false;
        Status = BookingStatus.Confirmed;
        _events.Add(BookingEvent.Create(now, BookingStatus.Confirmed, BookingEventCode.PickupReleased));
        return true;
    }

    /// <summary>The jockey has the car, with the handover protocol signed: only from an assigned pickup, so once.</summary>
    public bool PickUp(DateTimeOffset now) => Move(BookingStatus.PickupAssigned, BookingStatus.PickedUp, BookingEventCode.PickedUp, now);

    /// <summary>The jockey handed the car to the workshop.</summary>
    public bool ArriveAtWorkshop(DateTimeOffset now) => Move(BookingStatus.PickedUp, BookingStatus.AtWorkshop, BookingEventCode.AtWorkshop, now);

    /// <summary>The workshop has started on the car.</summary>
    public bool StartService(DateTimeOffset now) => Move(BookingStatus.AtWorkshop, BookingStatus.InService, BookingEventCode.ServiceStarted, now);

    /// <summary>The workshop found more to do and asks the customer: the order waits for their decision.</summary>
    public bool AskApproval(DateTimeOffset now) => Move(BookingStatus.InService, BookingStatus.AwaitingApproval, BookingEventCode.ExtensionProposed, now);

    /// <summary>The customer decided on the extra work: the workshop carries on.</summary>
    public bool ResumeService(DateTimeOffset now) => Move(BookingStatus.AwaitingApproval, BookingStatus.InService, BookingEventCode.ExtensionDecided, now);

    /// <summary>The workshop is done: the car waits for its way back.</summary>
    public bool FinishService(DateTimeOffset now) => Move(BookingStatus.InService, BookingStatus.ReadyForReturn, BookingEventCode.ReadyForReturn, now);

    /// <summary>A jockey will bring the car back: from ready, or again when another jockey or another window takes over.</summary>
    public bool AssignReturn(DateTimeOffset now, string jockeyFirstName)
    {
        if (!IsReturnPlanned) return false;
        Status = BookingStatus.ReturnAssigned;
        _events.Add(BookingEvent.Create(now, BookingStatus.ReturnAssigned, BookingEventCode.ReturnAssigned, jockeyFirstName));
        return true;
    }

    /// <summary>The return's jockey can no longer come: ready again until another one is found.</summary>
    public bool ReleaseReturn(DateTimeOffset now) => Move(BookingStatus.ReturnAssigned, BookingStatus.ReadyForReturn, BookingEventCode.ReturnReleased, now);

    /// <summary>The car is back with the customer, with the return protocol signed.</summary>
    public bool HandBack(DateTimeOffset now) => Move(BookingStatus.ReturnAssigned, BookingStatus.Returned, BookingEventCode.Returned, now);

    /// <summary>Returned and nothing left to pay: the order is done.</summary>
    public bool Complete(DateTimeOffset now) => Move(BookingStatus.Returned, BookingStatus.Completed, BookingEventCode.Completed, now);

    /// <summary>The customer picked another free window for the car's return: ready again, until a jockey is named for the new window.</summary>
    public bool RescheduleReturn(DateTimeOffset now, DateTimeOffset returnFromUtc)
    {
        if (!IsReturnPlanned) return false;
        (Status, ReturnFromUtc) = (BookingStatus.ReadyForReturn, returnFromUtc);
        _events.Add(BookingEvent.Create(now, BookingStatus.ReadyForReturn, BookingEventCode.ReturnRescheduled));
        return true;
    }

    private bool Move(BookingStatus from, BookingStatus to, BookingEventCode code, DateTimeOffset now)
    {
        if (Status != from) return false;
        Status = to;
        _events.Add(BookingEvent.Create(now, to, code));
        return true;
    }

    /// <summary>Calls the booking off. Refused (false) once the car has been picked up, or when it is over already.</summary>
    public bool Cancel(DateTimeOffset now, CancelledBy by, string? reason)
    {
        if (!IsCancellable) return false;
        Status = BookingStatus.Cancelled;
        var code = by switch
        {
            CancelledBy.Customer => BookingEventCode.CancelledByCustomer,
            CancelledBy.Staff => BookingEventCode.CancelledByStaff,
            _ => BookingEventCode.CancelledBySystem,
        };
        _events.Add(BookingEvent.Create(now, BookingStatus.Cancelled, code, reason));
        return true;
    }

    /// <summary>
    /// Closes a paid test booking of an onboarding city as done, once its dry run went from pickup to
    /// return: what an admin attests until the jockey's protocols record it. Refused for real bookings,
    /// unpaid ones and ones that are over.
    /// </summary>
    public bool CompleteTestRun(DateTimeOffset now, string note)
    {
        if (!IsTest || Status is BookingStatus.PendingPayment or BookingStatus.Completed or BookingStatus.Cancelled or BookingStatus.Expired) return false;
        Status = BookingStatus.Completed;
        _events.Add(BookingEvent.Create(now, BookingStatus.Completed, BookingEventCode.TestRunCompleted, note));
        return true;
    }

    /// <summary>Lets the hold lapse. Only a booking still waiting for payment, and only once its hold is over.</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (Status != BookingStatus.PendingPayment || now < HoldExpiresAt) return false;
        Status = BookingStatus.Expired;
        _events.Add(BookingEvent.Create(now, BookingStatus.Expired, BookingEventCode.Expired));
        return true;
    }
}

/// <summary>What happened at a step of a booking's timeline; each reader's page says it in their language.</summary>
public enum BookingEventCode
{
    Held,
    Confirmed,
    CancelledByCustomer,
    CancelledByStaff,
    CancelledBySystem,
    TestRunCompleted,
    Expired,
    PickupAssigned,
    PickupReleased,
    PickedUp,
    AtWorkshop,
    ServiceStarted,
    ReadyForReturn,
    ReturnAssigned,
    ReturnReleased,
    ReturnRescheduled,
    Returned,
    Completed,
    ExtensionProposed,
    ExtensionDecided,
}

/// <summary>
/// One step of a booking's timeline: when, which status, what happened, and what a person wrote with it
/// (a cancellation's reason, a test run's note). It stores facts, never sentences.
/// </summary>
public sealed class BookingEvent
{
    private BookingEvent() { }

    public DateTimeOffset At { get; private set; }

    public BookingStatus Status { get; private set; }

    public BookingEventCode Code { get; private set; }

    public string? Detail { get; private set; }

    public static BookingEvent Create(DateTimeOffset at, BookingStatus status, BookingEventCode code, string? detail = null) =>
        new() { At = at, Status = status, Code = code, Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim() };
}

/// <summary>
/// The first answer to a booking request with an <c>Idempotency-Key</c> (tenant-owned): the same key
/// and body get the same booking again; the same key with another body is refused.
/// </summary>
public sealed class BookingRequest
{
    private BookingRequest() { }

    public string Key { get; private set; } = "";

    public string BodyHash { get; private set; } = "";

    public Guid BookingId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static BookingRequest Create(string key, string bodyHash, Guid bookingId, DateTimeOffset now) =>
        new() { Key = key, BodyHash = bodyHash, BookingId = bookingId, CreatedAt = now };
}
