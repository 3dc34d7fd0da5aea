using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Account;

/// <summary>
/// The customer cancels one of their bookings: the page says first what it costs (free until the
/// city's window before pickup, later the city's fee) and what comes back, then cancels on confirmation.
/// </summary>
[Authorize]
public sealed class CancelModel(PlatformDbContext db, CancelBooking cancelBooking) : PageModel
{
    public Booking Booking { get; private set; } = null!;

    public CancelBooking.Terms Terms { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = null!;

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Booking.IsCancellable) return RedirectToPage("MyBookings");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = HttpContext.Features.Get<UserAccess>()!.UserId;
        var cancelled = await cancelBooking.RunAsync(id, CancelledBy.Customer, null, customer, cancellationToken);
        if (cancelled.Succeeded) return RedirectToPage("MyBookings", new { storniert = id });
        if (cancelled.Failure.Status == ResultStatus.NotFound || !await LoadAsync(id, cancellationToken)) return NotFound();
        Refused = true;
        Response.StatusCode = ResultPages.StatusCode(cancelled.Failure);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = HttpContext.Features.Get<UserAccess>()!.UserId;
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.CustomerUserId == customer, cancellationToken);
        if (booking is null) return false;
        (Booking, Zone) = (booking, HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone);
        Terms = await cancelBooking.TermsAsync(booking, cancellationToken);
        return true;
    }
}
