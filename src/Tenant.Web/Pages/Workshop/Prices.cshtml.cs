using Autowartung.Platform.Accounts;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Data;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Workshops;
using Autowartung.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's own price list, net per service and vehicle class, and its labour rate. It started as
/// the platform's template and is the workshop's from then on; staff change only their own.
/// </summary>
public sealed class PricesModel(PlatformDbContext db, ChangePrices changePrices) : PageModel
{
    /// <summary>Net euros per <c>{code}.{class}</c>, as number inputs send them ("189.00").</summary>
    [BindProperty] public Dictionary<string, string?> Prices { get; set; } = [];
    [BindProperty] public string? LabourRate { get; set; }

    public IReadOnlyList<CatalogItem> Services { get; private set; } = [];

    public IReadOnlyDictionary<string, int> PriceList { get; private set; } = new Dictionary<string, int>();

    public int LabourRateNetCents { get; private set; }

    private UserAccess Access => HttpContext.Features.Get<UserAccess>()!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = await changePrices.RunAsync(Access.WorkshopId!.Value, ChangePrices.FromForm(Prices), EuroInput.Cents(LabourRate), Access.UserId, HttpContext.GetAuditOrigin(), cancellationToken);
        if (errors is null) return NotFound();
        if (errors.Count == 0) return RedirectToPage();
        foreach (var (field, messages) in errors) ModelState.AddModelError(field, messages[0]);
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? Error(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>What the input shows: what was posted, else the saved price.</summary>
    public string Value(string code, VehicleClass vehicleClass)
    {
        var key = ChangePrices.Key(code, vehicleClass);
        return Prices.TryGetValue(key, out var posted) ? posted ?? "" : PriceList.TryGetValue(key, out var cents) ? EuroInput.Format(cents) : "";
    }



    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var workshopId = Access.WorkshopId;
        Services = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        PriceList = await db.WorkshopPrices.AsNoTracking().Where(p => p.WorkshopId == workshopId)
            .ToDictionaryAsync(p => ChangePrices.Key(p.ItemCode, p.VehicleClass), p => p.NetCents, cancellationToken);
        LabourRateNetCents = await db.PartnerWorkshops.AsNoTracking().Where(w => w.Id == workshopId).Select(w => w.LabourRateNetCents).SingleAsync(cancellationToken);
    }
}
