using Autowartung.Platform.Data;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>Step 3: the pickup slot. Only windows that can still be booked are shown.</summary>
public sealed class SlotModel(PlatformDbContext db, FindSlots findSlots, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "quote")] public Guid QuoteId { get; set; }

    public Quote Quote { get; private set; } = null!;

    public IReadOnlyList<IGrouping<DateOnly, BookableSlot>> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == QuoteId, cancellationToken);
        if (quote is null) return NotFound();
        if (!quote.IsValidAt(clock.GetUtcNow())) return RedirectToPage("Vehicle");
        Quote = quote;
        Days = (await findSlots.RunAsync(quote.WorkshopId, cancellationToken)).GroupBy(s => s.Date).ToList();
        return Page();
    }
}
