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
/// Step 5: the summary with the held slot, and the way to pay. Reached with a tamper-proof reference, so
/// an anonymous booker sees their booking and nobody can guess another's. Paying opens Stripe's hosted
/// checkout; coming back without paying (or after a declined card) lands here again, with the reason and
/// another try while the hold lasts.
/// </summary>
public sealed class HeldModel(PlatformDbContext db, StartCheckout startCheckout, CustomerReferences references, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Reference { get; set; }

    /// <summary>Set by the checkout's "back" link.</summary>
    [BindProperty(SupportsGet = true, Name = "abgebrochen")] public bool CameBack { get; set; }

    public Booking Booking { get; private set; } = null!;

    public Payment? Payment { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = null!;

    public bool Unavailable { get; private set; }

    public bool HoldOver => Booking.Status == BookingStatus.Expired || clock.GetUtcNow() >= Booking.HoldExpiresAt;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        if (Booking.Status is not (BookingStatus.PendingPayment or BookingStatus.Expired or BookingStatus.Cancelled))
            return RedirectToPage("Confirmed", new { reference = Reference });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var checkout = await startCheckout.RunAsync(Booking.Id, cancellationToken);
        if (!checkout.Succeeded) return NotFound();
        switch (checkout.Value)
        {
            case { State: StartCheckout.CheckoutState.Open, Url: { } url }:
                return Redirect(url.ToString());
            case { State: StartCheckout.CheckoutState.Unavailable }:
                Unavailable = true;
                return Page();
            default:
                return RedirectToPage(new { reference = Reference });
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!references.TryReadBooking(Reference, out var id)) return false;
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null) return false;
        Booking = booking;
        Payment = await db.Payments.AsNoTracking().CheckoutOf(id).SingleOrDefaultAsync(cancellationToken);
        Zone = HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone;
        return true;
    }
}
