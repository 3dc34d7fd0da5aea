using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Account;

/// <summary>"Meine Buchungen": the signed-in customer's bookings in this city, each with its timeline, and rebooking.</summary>
[Authorize]
public sealed class MyBookingsModel(PlatformDbContext db) : PageModel
{
    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Payment> Payments { get; private set; } = new Dictionary<Guid, Payment>();

    public ILookup<Guid, Refund> Refunds { get; private set; } = Array.Empty<Refund>().ToLookup(r => r.BookingId);

    /// <summary>The booking just cancelled, to say so on its card.</summary>
    [BindProperty(SupportsGet = true, Name = "storniert")] public Guid? JustCancelled { get; set; }

    public TimeZoneInfo Zone { get; private set; } = null!;

    /// <summary>The protocols whose PDF is ready, by booking: shown at their step of the timeline.</summary>
    public ILookup<Guid, ProtocolKind> Pdfs { get; private set; } = Array.Empty<HandoverProtocol>().ToLookup(p => p.BookingId, p => p.Kind);

    /// <summary>The planned way back of each car that is ready, with its window.</summary>
    public IReadOnlyDictionary<Guid, JockeyTask> Returns { get; private set; } = new Dictionary<Guid, JockeyTask>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customer = HttpContext.Features.Get<UserAccess>()!.UserId;
        Zone = HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone;
        Bookings = await db.Bookings.AsNoTracking().Where(b => b.CustomerUserId == customer)
            .OrderByDescending(b => b.PickupStartUtc).ToListAsync(cancellationToken);
        var ids = Bookings.Select(b => b.Id).ToList();
        Payments = await db.Payments.AsNoTracking().CheckoutsOf(ids)
            .ToDictionaryAsync(p => p.BookingId, cancellationToken);
        Refunds = (await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.BookingId)).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken))
            .ToLookup(r => r.BookingId);
        Pdfs = (await db.HandoverProtocols.AsNoTracking().Where(p => ids.Contains(p.BookingId) && p.PdfPath != null)
            .Select(p => new { p.BookingId, p.Kind }).ToListAsync(cancellationToken)).ToLookup(p => p.BookingId, p => p.Kind);
        Returns = await db.JockeyTasks.AsNoTracking()
            .Where(t => ids.Contains(t.BookingId) && t.Kind == JockeyTaskKind.Return && (t.Status == JockeyTaskStatus.Unassigned || t.Status == JockeyTaskStatus.Assigned))
            .ToDictionaryAsync(t => t.BookingId, cancellationToken);
    }

    /// <summary>The protocol PDF that belongs to a step of the timeline: the pickup's at "abgeholt", the return's at "zurückgebracht".</summary>
    public static ProtocolKind? PdfAt(BookingEventCode code) => code switch
    {
        BookingEventCode.PickedUp => ProtocolKind.Pickup,
        BookingEventCode.Returned => ProtocolKind.Return,
        _ => null,
    };

    public static string RefundLabel(RefundStatus status) => status switch
    {
        RefundStatus.Succeeded => "erstattet",
        RefundStatus.Failed => "Erstattung fehlgeschlagen, wir melden uns",
        _ => "Erstattung veranlasst",
    };

    /// <summary>The booking journey, started with this booking's car and address.</summary>
    public static string RebookUrl(Booking booking) =>
        $"/buchen?Model={Uri.EscapeDataString($"{booking.Vehicle.Make}|{booking.Vehicle.Model}")}&Year={booking.Vehicle.Year}" +
        $"&Fuel={booking.Vehicle.Fuel}&Mileage={booking.Vehicle.MileageKm}&Plz={booking.Address.PostalCode}";
}
