using Autowartung.Platform.Accounts;
using Autowartung.Platform.Pricing;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's own price list, net per service and vehicle class, and its labour rate. It started as
/// the platform's template and is the workshop's from then on; staff change only their own.
/// </summary>
public sealed class PricesModel(ChangePrices changePrices) : PageModel
{
    /// <summary>Net euros per <c>{code}.{class}</c>, as number inputs send them ("189.00").</summary>
    [BindProperty] public Dictionary<string, string?> Prices { get; set; } = [];
    [BindProperty] public string? LabourRate { get; set; }

    public PriceListForm PriceList { get; private set; } = null!;

    private UserAccess Access => HttpContext.Features.Get<UserAccess>()!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var changed = await changePrices.RunAsync(Access.WorkshopId!.Value, ChangePrices.FromForm(Prices), EuroInput.Cents(LabourRate), Access.UserId, HttpContext.GetAuditOrigin(), cancellationToken);
        return changed.Succeeded ? RedirectToPage() : await this.ShowAsync(changed.Failure, () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        PriceList = await changePrices.FormAsync(Access.WorkshopId!.Value, Prices, LabourRate, cancellationToken);
}
