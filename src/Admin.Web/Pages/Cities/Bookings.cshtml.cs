using Autowartung.Admin.Web.Csv;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>
/// A city's latest bookings with what was paid and refunded: the way into each booking's payments ledger. The
/// same rows as CSV with <c>?handler=csv</c>.
/// </summary>
public sealed class BookingsModel(
    ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformDbContext db, IStringLocalizer<UiText> text) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset PickupStartUtc, DateTimeOffset PickupEndUtc, BookingStatus Status, string LicensePlate, int TotalGrossCents,
        PaymentStatus? Payment, int RefundedCents, bool IsTest);

    public CityTenantInfo City { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        var table = new CsvTable(
            text["Buchung"], text["Gebucht (UTC)"], text["Abholung (UTC)"], text["Kennzeichen"], text["Status"], text["Betrag (Cent)"], text["Zahlung"],
            text["Erstattet (Cent)"], text["Testbuchung"]);
        foreach (var row in Rows)
            table.Add(row.Id.ToString(), row.CreatedAt, row.PickupStartUtc, row.LicensePlate, row.Status, row.TotalGrossCents, row.Payment, row.RefundedCents,
                row.IsTest ? text["ja"].Value : "");
        return table.ToFile($"buchungen-{City.Identifier}.csv");
    }

    /// <summary>A payment's state as the platform team reads it (the Stripe word is on the booking's own page).</summary>
    public static string PaymentLabel(PaymentStatus status) => status switch
    {
        PaymentStatus.Created or PaymentStatus.Open => "Offen",
        PaymentStatus.RequiresAction => "Wartet auf Bestätigung der Bank",
        PaymentStatus.Processing => "In Bearbeitung",
        PaymentStatus.Succeeded => "Bezahlt",
        PaymentStatus.Failed => "Fehlgeschlagen",
        PaymentStatus.Canceled => "Abgebrochen",
        _ => status.ToString(),
    };

    public static string RefundLabel(RefundStatus status) => status switch
    {
        RefundStatus.Succeeded => "Erstattet",
        RefundStatus.Failed => "Fehlgeschlagen",
        _ => "Veranlasst",
    };

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return false;
        City = city;
        using var scope = tenancy.BeginScope(city);
        Rows = await db.Bookings.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(100)
            .Select(b => new Row(b.Id, b.CreatedAt, b.PickupStartUtc, b.PickupEndUtc, b.Status, b.LicensePlate, b.TotalGrossCents,
                db.Payments.Where(CheckoutPayment.IsCheckout).Where(p => p.BookingId == b.Id).Select(p => (PaymentStatus?)p.Status).FirstOrDefault(),
                db.Payments.Where(p => p.BookingId == b.Id).Sum(p => p.RefundedCents), b.IsTest))
            .ToListAsync(cancellationToken);
        return true;
    }
}
