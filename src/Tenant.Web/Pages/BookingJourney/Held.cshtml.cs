using System.Security.Cryptography;
using Autowartung.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>
/// Step 5: the summary with the held slot. Reached with a short-lived, tamper-proof reference, so an
/// anonymous booker sees their booking and nobody can guess another's.
/// </summary>
public sealed class HeldModel(PlatformDbContext db, IDataProtectionProvider protection) : PageModel
{
    public Platform.Bookings.Booking Booking { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? reference, CancellationToken cancellationToken)
    {
        Guid id;
        try
        {
            id = Guid.Parse(protection.CreateProtector(ContactModel.SummaryPurpose).ToTimeLimitedDataProtector().Unprotect(reference ?? ""));
        }
        catch (CryptographicException)
        {
            return NotFound();
        }
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null) return NotFound();
        Booking = booking;
        Zone = await db.Cities.AsNoTracking().Where(c => c.Id == db.CurrentTenantId)
            .Select(c => c.TimeZoneId).SingleAsync(cancellationToken) is var zoneId ? TimeZoneInfo.FindSystemTimeZoneById(zoneId) : TimeZoneInfo.Utc;
        return Page();
    }
}
