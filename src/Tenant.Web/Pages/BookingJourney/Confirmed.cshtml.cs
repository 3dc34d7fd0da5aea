using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>
/// Where Stripe's checkout returns to. The browser's arrival proves nothing: the page asks Stripe itself
/// (the same sync a webhook triggers) and shows what our server verified: confirmed, still being
/// checked (the page looks again by itself), or back to the summary when the payment did not go through.
/// </summary>
public sealed class ConfirmedModel(PlatformDbContext db, SyncPayment syncPayment, CustomerReferences references, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Reference { get; set; }

    public Booking Booking { get; private set; } = null!;

    public Payment? Payment { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = null!;

    /// <summary>The city's cancellation terms, the same the confirmation email states.</summary>
    public CancellationPolicy Policy { get; private set; } = null!;

    public DateTimeOffset FreeUntil => TimeZoneInfo.ConvertTime(Policy.FreeUntil(Booking.PickupStartUtc), Zone);

    public bool Confirmed => Booking.Status is not (BookingStatus.PendingPayment or BookingStatus.Expired or BookingStatus.Cancelled);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!references.TryReadBooking(Reference, out var id)) return NotFound();
        var payment = await db.Payments.AsNoTracking().CheckoutOf(id).SingleOrDefaultAsync(cancellationToken);
        if (payment is { IsSettled: false, Status: not PaymentStatus.Canceled })
        {
            try
            {
                payment = await syncPayment.RunAsync(payment.Id, cancellationToken);
            }
            catch (PaymentGatewayException)
            {
                // Stripe not reachable this moment: the webhook will bring the news; the page looks again.
            }
        }
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null) return NotFound();
        (Booking, Payment, Zone) = (booking, payment, HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone);

        // Back to the summary with the reason when the attempt failed or the customer can still pay.
        if (booking.Status == BookingStatus.PendingPayment && payment is { FailureCode: not null } && clock.GetUtcNow() < booking.HoldExpiresAt)
            return RedirectToPage("Held", new { reference = Reference });
        if (booking.Status is BookingStatus.Expired or BookingStatus.Cancelled) return RedirectToPage("Held", new { reference = Reference });
        Policy = CancellationPolicy.For(await db.Cities.AsNoTracking().SingleAsync(c => c.Id == db.CurrentTenantId, cancellationToken));
        if (!Confirmed) Response.Headers["Refresh"] = "3";   // looks again by itself, no script needed
        return Page();
    }

    /// <summary>The pickup as a calendar entry (.ics), the same the confirmation email carries.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(CancellationToken cancellationToken)
    {
        if (!references.TryReadBooking(Reference, out var id)) return NotFound();
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null || booking.Status is BookingStatus.PendingPayment or BookingStatus.Expired or BookingStatus.Cancelled) return NotFound();
        var calendar = BookingConfirmation.Calendar(booking, HttpContext.GetTenantInfo<CityTenantInfo>()!);
        return File(calendar.ToBytes(clock.GetUtcNow()), CalendarEventContentType, BookingConfirmation.CalendarFileName);
    }

    private const string CalendarEventContentType = "text/calendar";
}
