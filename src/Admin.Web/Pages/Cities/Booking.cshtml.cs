using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>
/// One booking's payments ledger: every charge and refund with its Stripe ids, amounts and status. A
/// booking of another city is not found, the same as a missing one.
/// </summary>
public sealed class BookingModel(
    ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformDbContext db, ReadProtocols protocols, PlatformUrls urls) : PageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public Booking Booking { get; private set; } = null!;

    public IReadOnlyList<Payment> Payments { get; private set; } = [];

    public IReadOnlyList<Refund> Refunds { get; private set; } = [];

    /// <summary>The handover protocols recorded so far; the return's with how the car came back.</summary>
    public IReadOnlyList<ReadProtocols.View> Protocols { get; private set; } = [];

    /// <summary>Where the city app serves a protocol's PDF (the session is one for all hosts).</summary>
    public string PdfUrl(ProtocolKind kind) => new Uri(urls.City(City.Identifier), $"/api/v1/bookings/{Booking.Id}/protocols/{kind.ToString().ToLowerInvariant()}.pdf").ToString();

    public async Task<IActionResult> OnGetAsync(string slug, Guid id, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return NotFound();
        City = city;
        using var scope = tenancy.BeginScope(city);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null) return NotFound();
        Booking = booking;
        Payments = await db.Payments.AsNoTracking().Where(p => p.BookingId == id).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        Refunds = await db.Refunds.AsNoTracking().Where(r => r.BookingId == id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var views = new List<ReadProtocols.View>();
        foreach (var kind in Enum.GetValues<ProtocolKind>())
            if (await protocols.ViewAsync(id, kind, cancellationToken) is { } view) views.Add(view);
        Protocols = views;
        return Page();
    }
}
