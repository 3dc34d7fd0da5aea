using Autowartung.Platform.Data;
using Autowartung.Platform.Waitlist;
using Autowartung.Tenant.Web.Hosting;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Waitlist;

/// <summary>
/// The removal link of every waitlist email and of the confirmed page. Opening it shows a button (a
/// mail scanner opening the link removes nobody); the button deletes the entry with the address.
/// An altered link is refused with 400; a link whose entry is gone already says so.
/// </summary>
[ApexOnly]
public sealed class RemoveModel(PlatformDbContext db, LeaveWaitlist leave, WaitlistLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public bool Refused { get; private set; }

    /// <summary>The entry's PLZ while it is still on the list; null once removed.</summary>
    public string? PostalCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!links.TryReadRemoval(Token, out var id)) return Refuse();
        PostalCode = await db.WaitlistEntries.AsNoTracking().Where(e => e.Id == id).Select(e => e.PostalCode).SingleOrDefaultAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!links.TryReadRemoval(Token, out var id)) return Refuse();
        // Gone already or gone now, the page says the same: it tells nobody whether the address was on the list.
        await leave.RunAsync(id, cancellationToken);
        return Page();
    }

    private PageResult Refuse()
    {
        Refused = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
