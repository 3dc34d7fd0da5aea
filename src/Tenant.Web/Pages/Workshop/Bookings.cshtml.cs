using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's coming bookings. Staff can cancel one with a reason (the workshop cannot take the car
/// after all); the customer gets all their money back.
/// </summary>
public sealed class BookingsModel(PlatformDbContext db, CancelBooking cancelBooking, MoveBooking move, TimeProvider clock) : PageModel
{
    /// <summary>Cars on their way through the workshop: listed however long ago they were picked up.</summary>
    private static readonly BookingStatus[] WithTheWorkshop =
        [BookingStatus.PickedUp, BookingStatus.AtWorkshop, BookingStatus.InService, BookingStatus.AwaitingApproval, BookingStatus.ReadyForReturn, BookingStatus.ReturnAssigned];

    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    /// <summary>How each returned car came back compared with its pickup: the flags staff look at first.</summary>
    public IReadOnlyDictionary<Guid, ReturnComparison> Returns { get; private set; } = new Dictionary<Guid, ReturnComparison>();

    public TimeZoneInfo Zone { get; private set; } = null!;

    [BindProperty] public string? Reason { get; set; }

    public Guid? FailedFor { get; private set; }

    [BindProperty(SupportsGet = true, Name = "storniert")] public Guid? JustCancelled { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        // Only a booking of this workshop: another's is as unknown as a missing one.
        if (Bookings.All(b => b.Id != id)) return NotFound();
        var cancelled = await cancelBooking.RunAsync(id, CancelledBy.Staff, Reason, null, cancellationToken);
        if (cancelled.Succeeded) return RedirectToPage(new { storniert = id });
        FailedFor = id;
        if (cancelled.Failure.Status == ResultStatus.Invalid) ModelState.Add(cancelled.Failure);   // a conflict shows its own message
        Response.StatusCode = ResultPages.StatusCode(cancelled.Failure);
        return Page();
    }

    /// <summary>The car's next step at the workshop: start on it once it is there, finish it once started.</summary>
    public static BookingStatus? NextStep(BookingStatus status) => status switch
    {
        BookingStatus.AtWorkshop => BookingStatus.InService,
        BookingStatus.InService => BookingStatus.ReadyForReturn,
        _ => null,
    };

    /// <summary>Staff move a car on: work started, or done and ready to go back (audited; 409 from the wrong step).</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? to, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var moved = await move.RunAsync(id, to, HttpContext.Caller()!, HttpContext.GetAuditOrigin(), cancellationToken);
        if (moved.Succeeded) return RedirectToPage();
        if (moved.Failure.Status == ResultStatus.NotFound) return NotFound();
        ModelState.AddModelError("", moved.Failure.Reason ?? "");
        Response.StatusCode = ResultPages.StatusCode(moved.Failure);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var workshopId = HttpContext.Features.Get<UserAccess>()?.WorkshopId;
        if (workshopId is null) return false;
        Zone = HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone;
        var since = clock.GetUtcNow().AddDays(-1);
        var returnedSince = clock.GetUtcNow().AddDays(-7);   // returned cars stay a week, with how they came back
        Bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.WorkshopId == workshopId && b.Status != BookingStatus.PendingPayment && b.Status != BookingStatus.Expired
                        && (b.PickupEndUtc >= since || WithTheWorkshop.Contains(b.Status)
                            || db.HandoverProtocols.Any(p => p.BookingId == b.Id && p.Kind == ProtocolKind.Return && p.RecordedAt >= returnedSince)))
            .OrderBy(b => b.PickupStartUtc).Take(200).ToListAsync(cancellationToken);
        var ids = Bookings.Select(b => b.Id).ToList();
        var protocols = await db.HandoverProtocols.AsNoTracking().Where(p => ids.Contains(p.BookingId)).ToListAsync(cancellationToken);
        var allowance = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId).Select(c => c.ReturnKmAllowance).SingleAsync(cancellationToken);
        Returns = protocols.GroupBy(p => p.BookingId)
            .Where(g => g.Any(p => p.Kind == ProtocolKind.Pickup) && g.Any(p => p.Kind == ProtocolKind.Return))
            .ToDictionary(g => g.Key, g => ReadProtocols.Compare(g.Single(p => p.Kind == ProtocolKind.Pickup), g.Single(p => p.Kind == ProtocolKind.Return), allowance));
        return true;
    }
}
