using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Tenant.Web.Pages.Jockey;

/// <summary>The jockey's start page in this city. Tours and handover protocols arrive here with the concierge features.</summary>
public sealed class IndexModel : PageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public UserAccess Access { get; private set; } = null!;

    public void OnGet()
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>()!;
        Access = HttpContext.Features.Get<UserAccess>()!;
    }
}
