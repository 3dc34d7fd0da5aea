using Autowartung.Tenant.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Tenant.Web.Pages.Waitlist;

/// <summary>
/// After a sign-up: check your inbox. The same page for a new address, one already waiting for its
/// confirmation, and one already confirmed, so it tells nobody who is on the list.
/// </summary>
[ApexOnly]
public sealed class SentModel : PageModel
{
    public void OnGet()
    {
    }
}
