using Autowartung.Platform.Data;
using Autowartung.Platform.Waitlist;
using Autowartung.Tenant.Web.Hosting;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Waitlist;

/// <summary>
/// The confirmation link of the waitlist email. Opening it shows a button, and only the button confirms:
/// mail scanners that open every link must not confirm an address for someone who never saw the email.
/// A link that is altered, expired or whose entry is gone is refused with 400 and changes nothing.
/// </summary>
[ApexOnly]
public sealed class ConfirmModel(PlatformDbContext db, ConfirmWaitlistEntry confirm, WaitlistLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public WaitlistEntry? Entry { get; private set; }

    /// <summary>The entry's removal link, shown once it is confirmed.</summary>
    public Uri? RemoveLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!links.TryReadConfirmation(Token, out var id)) return Refused();
        Entry = await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (Entry is null) return Refused();
        if (Entry.IsConfirmed) RemoveLink = links.Remove(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!links.TryReadConfirmation(Token, out var id)) return Refused();
        var confirmed = await confirm.RunAsync(id, cancellationToken);
        if (!confirmed.Succeeded) return Refused();
        Entry = confirmed.Value;
        RemoveLink = links.Remove(id);
        return Page();
    }

    private PageResult Refused()
    {
        Entry = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
