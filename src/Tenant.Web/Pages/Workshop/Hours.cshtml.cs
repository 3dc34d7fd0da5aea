using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's own calendar: weekly pickup windows with their capacity, and closure days. Staff
/// edit only their own workshop.
/// </summary>
public sealed class HoursModel(PlatformDbContext db, ManagePickupWindows windows, ManageClosures closures) : PageModel
{
    public IReadOnlyList<PickupWindow> Windows { get; private set; } = [];

    public IReadOnlyList<WorkshopClosure> Closures { get; private set; } = [];

    [BindProperty] public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    [BindProperty] public TimeOnly? Start { get; set; }
    [BindProperty] public TimeOnly? End { get; set; }
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public Guid WindowId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    private Guid WorkshopId => HttpContext.Features.Get<UserAccess>()!.WorkshopId!.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddWindowAsync(CancellationToken cancellationToken) =>
        await AfterAsync((await windows.AddAsync(WorkshopId, Day, Start, End, Capacity, cancellationToken)).WithoutValue(), cancellationToken);

    public async Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await windows.ChangeCapacityAsync(WorkshopId, WindowId, Capacity, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostAddClosureAsync(CancellationToken cancellationToken) =>
        await AfterAsync((await closures.AddAsync(WorkshopId, Date, Reason, cancellationToken)).WithoutValue(), cancellationToken);

    public async Task<IActionResult> OnPostRemoveClosureAsync(Guid closureId, CancellationToken cancellationToken) =>
        await AfterAsync(await closures.RemoveAsync(WorkshopId, closureId, cancellationToken), cancellationToken);

    private async Task<IActionResult> AfterAsync(Result result, CancellationToken cancellationToken) =>
        result.Succeeded ? RedirectToPage() : await this.ShowAsync(result.Failure, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Windows = await db.PickupWindows.AsNoTracking().Where(w => w.WorkshopId == WorkshopId).ToListAsync(cancellationToken);
        Windows = Windows.OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start).ToList();
        Closures = await db.WorkshopClosures.AsNoTracking().Where(c => c.WorkshopId == WorkshopId).OrderBy(c => c.Date).ToListAsync(cancellationToken);
    }

    public static string DayName(DayOfWeek day) => System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
}
