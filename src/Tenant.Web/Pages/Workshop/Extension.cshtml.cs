using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Extensions;
using Autowartung.Platform.Pricing;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// Extra work for a car in service, from the workshop's phone or desk: up to five items with title, plain
/// description, parts and labour (net €), urgency and a photo each, saved as a draft, then sent to the
/// customer. Below, every proposal of the booking with each item's outcome, as the customer decided it.
/// </summary>
public sealed class ExtensionModel(ProposeExtension propose, ReadExtensions read, UploadExtensionPhoto upload, Platform.Concierge.BookingParties parties) : FormPageModel
{
    public const int Rows = 5;

    public sealed class Row
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Parts { get; set; }
        public string? Labour { get; set; }
        public string Urgency { get; set; } = nameof(Platform.Extensions.Urgency.Recommended);
        public IFormFile? Photo { get; set; }
        public List<Guid> PhotoIds { get; set; } = [];
    }

    [BindProperty] public List<Row> Items { get; set; } = [];

    public Booking Booking { get; private set; } = null!;

    public TimeZoneInfo Zone => HttpContext.GetTenantInfo<Platform.Cities.CityTenantInfo>()!.TimeZone;

    public IReadOnlyList<ReadExtensions.View> Proposals { get; private set; } = [];

    public ReadExtensions.View? Draft => Proposals.LastOrDefault(p => p.Extension.Status == ExtensionStatus.Draft);

    public bool Waiting => Proposals.Any(p => p.Extension.Status == ExtensionStatus.Sent);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Items = Draft is { } draft
            ? [.. draft.Extension.Items.Select(i => new Row
            {
                Title = i.Title, Description = i.Description, Parts = EuroInput.Format(i.PartsNetCents), Labour = EuroInput.Format(i.LabourNetCents),
                Urgency = i.Urgency.ToString(), PhotoIds = i.PhotoIds,
            })]
            : [];
        while (Items.Count < Rows) Items.Add(new Row());
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var caller = HttpContext.Caller()!;
        var rows = Items.Select((row, index) => (row, index)).Where(r => !string.IsNullOrWhiteSpace(r.row.Title)).ToList();
        foreach (var (row, index) in rows.Where(r => r.row.Photo is { Length: > 0 }))
        {
            await using var stream = row.Photo!.OpenReadStream();
            var bytes = new byte[Math.Min(row.Photo.Length, Platform.Storage.Photos.MaxBytes + 1)];
            await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
            var uploaded = await upload.RunAsync(id, bytes, null, caller, cancellationToken);
            if (uploaded.Failure is { } refused) return Refused(refused, $"items[{index}].photo");
            row.PhotoIds.Add(uploaded.Value.Id);
        }
        var request = new ProposeExtension.Request([.. rows.Select(r => new ProposeExtension.ItemInput(
            r.row.Title, r.row.Description, EuroInput.Cents(r.row.Parts) ?? (string.IsNullOrWhiteSpace(r.row.Parts) ? 0 : -1),
            EuroInput.Cents(r.row.Labour) ?? (string.IsNullOrWhiteSpace(r.row.Labour) ? 0 : -1), r.row.Urgency, r.row.PhotoIds))]);
        var saved = await propose.DraftAsync(id, request, caller, cancellationToken);
        if (saved.Failure is { } failure)
        {
            // Field names follow the rows shown, not the rows sent: blank rows are left out.
            var remapped = failure.Errors.ToDictionary(
                e => rows.Select((r, sent) => (r.index, sent)).Aggregate(e.Key, (key, map) => key.Replace($"items[{map.sent}]", $"rows[{map.index}]", StringComparison.Ordinal)),
                e => e.Value);
            return Refused(failure with { Errors = remapped }, null);
        }
        return RedirectToPage(new { id, gespeichert = true });
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, Guid extensionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Proposals.All(p => p.Extension.Id != extensionId)) return NotFound();
        var sent = await propose.SendAsync(extensionId, HttpContext.Caller()!, HttpContext.GetAuditOrigin(), cancellationToken);
        if (sent.Failure is { } failure) return Refused(failure, null);
        return RedirectToPage(new { id, gesendet = true });
    }

    public static string UrgencyLabel(Urgency urgency) => urgency switch
    {
        Urgency.SafetyCritical => "sicherheitsrelevant",
        Urgency.Recommended => "empfohlen",
        _ => "kann warten",
    };

    public static string OutcomeLabel(ItemOutcome outcome) => outcome switch
    {
        ItemOutcome.Draft => "Entwurf",
        ItemOutcome.Pending => "wartet auf den Kunden",
        ItemOutcome.ApprovedAndPaid => "freigegeben und bezahlt",
        ItemOutcome.ApprovedAwaitingPayment => "freigegeben, Zahlung ausstehend",
        ItemOutcome.ApprovedPaymentFailed => "freigegeben, Zahlung fehlgeschlagen",
        ItemOutcome.Declined => "abgelehnt",
        _ => "abgelaufen",
    };

    private IActionResult Refused(Failure failure, string? field)
    {
        if (field is not null && failure.Reason is { } reason) ModelState.AddModelError(field, reason);
        else ModelState.Add(failure);
        Response.StatusCode = ResultPages.StatusCode(failure);
        while (Items.Count < Rows) Items.Add(new Row());
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (HttpContext.Caller() is not { } caller || await parties.FindAsync(id, caller, cancellationToken: cancellationToken) is not { } found
            || !found.Is(Platform.Concierge.Party.Workshop)) return false;
        Booking = found.Booking;
        Proposals = await read.ForBookingAsync(id, caller, cancellationToken) ?? [];
        return true;
    }
}
