using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Jockey;

/// <summary>A jockey keeps their weekly shifts: only windows covered by a free jockey on shift can be booked.</summary>
public sealed class ShiftsModel(PlatformDbContext db, ManageShifts shifts) : PageModel
{
    public IReadOnlyList<JockeyShift> Shifts { get; private set; } = [];

    [BindProperty] public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    [BindProperty] public TimeOnly? Start { get; set; }
    [BindProperty] public TimeOnly? End { get; set; }

    private Guid Me => HttpContext.Features.Get<UserAccess>()!.UserId;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) =>
        await shifts.AddAsync(Me, Day, Start, End, cancellationToken) is { Failure: { } failure }
            ? await this.ShowAsync(failure, () => LoadAsync(cancellationToken))
            : RedirectToPage();

    public async Task<IActionResult> OnPostRemoveAsync(Guid shiftId, CancellationToken cancellationToken) =>
        (await shifts.RemoveAsync(Me, shiftId, cancellationToken)).Succeeded ? RedirectToPage() : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Shifts = (await db.JockeyShifts.AsNoTracking().Where(s => s.JockeyUserId == Me).ToListAsync(cancellationToken))
            .OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Start).ToList();
}
