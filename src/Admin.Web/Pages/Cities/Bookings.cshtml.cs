using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>A city's latest bookings with what was paid and refunded: the way into each booking's payments ledger.</summary>
public sealed class BookingsModel(ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformDbContext db) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset PickupStartUtc, BookingStatus Status, string LicensePlate, int TotalGrossCents,
        PaymentStatus? Payment, int RefundedCents);

    public CityTenantInfo City { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return NotFound();
        City = city;
        using var scope = tenancy.BeginScope(city);
        Rows = await db.Bookings.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(100)
            .Select(b => new Row(b.Id, b.CreatedAt, b.PickupStartUtc, b.Status, b.LicensePlate, b.TotalGrossCents,
                db.Payments.Where(p => p.BookingId == b.Id && p.Purpose == PaymentPurpose.Booking).Select(p => (PaymentStatus?)p.Status).FirstOrDefault(),
                db.Payments.Where(p => p.BookingId == b.Id).Sum(p => p.RefundedCents)))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
