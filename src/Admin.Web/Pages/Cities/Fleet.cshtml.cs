using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>
/// The city's replacement cars: which car is out with whom and until when, the reservations still to go
/// out, the next two weeks' cars held against the fleet, and every order that ran into another's days.
/// </summary>
public sealed class FleetModel(ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, FleetBoard board) : PageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public FleetBoard.Board Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return NotFound();
        City = city;
        using var scope = tenancy.BeginScope(city);
        Board = await board.RunAsync(cancellationToken);
        return Page();
    }
}
