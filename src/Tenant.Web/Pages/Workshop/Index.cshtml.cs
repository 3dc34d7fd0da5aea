using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Workshops;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>The workshop's start page: staff see their own workshop, and only that one.</summary>
public sealed class IndexModel(PlatformDbContext db) : PageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public PartnerWorkshop Workshop { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>()!;
        var workshopId = HttpContext.Features.Get<UserAccess>()?.WorkshopId;
        var workshop = await db.PartnerWorkshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workshopId, cancellationToken);
        if (workshop is null) return NotFound();
        Workshop = workshop;
        return Page();
    }
}
