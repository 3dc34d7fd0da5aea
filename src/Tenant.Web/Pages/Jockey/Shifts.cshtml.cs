using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Jockey;

/// <summary>A jockey keeps their weekly shifts: only windows covered by a free jockey on shift can be booked.</summary>
public sealed class ShiftsModel(PlatformDbContext db) : PageModel
{
    public IReadOnlyList<JockeyShift> Shifts { get; private set; } = [];

    [BindProperty] public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    [BindProperty] public TimeOnly? Start { get; set; }
    [BindProperty] public TimeOnly? End { get; set; }

    private Guid Me => HttpContext.Features.Get<UserAccess>()!.UserId;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (Start is null || End is null || End <= Start) ModelState.AddModelError(nameof(End), "Die Schicht muss nach ihrem Beginn enden.");
        else if (await db.JockeyShifts.AnyAsync(s => s.JockeyUserId == Me && s.Day == Day && s.Start < End && s.End > Start, cancellationToken))
            ModelState.AddModelError(nameof(Start), "Diese Schicht überschneidet sich mit einer anderen an diesem Tag.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        db.JockeyShifts.Add(JockeyShift.Create(Me, Day, Start!.Value, End!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        var removed = await db.JockeyShifts.Where(s => s.Id == shiftId && s.JockeyUserId == Me).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? NotFound() : RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Shifts = (await db.JockeyShifts.AsNoTracking().Where(s => s.JockeyUserId == Me).ToListAsync(cancellationToken))
            .OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Start).ToList();
}
