using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's own calendar: weekly pickup windows with their capacity, and closure days. Staff
/// edit only their own workshop.
/// </summary>
public sealed class HoursModel(PlatformDbContext db, ManagePickupWindows windows, TimeProvider clock) : PageModel
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
        await AfterAsync(await windows.AddAsync(WorkshopId, Day, Start, End, Capacity, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken) =>
        await windows.ChangeCapacityAsync(WorkshopId, WindowId, Capacity, cancellationToken) is { } errors
            ? await AfterAsync(errors, cancellationToken)
            : NotFound();

    private async Task<IActionResult> AfterAsync(Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (errors.Count == 0) return RedirectToPage();
        foreach (var (field, messages) in errors) ModelState.AddModelError(field, messages[0]);   // keys are case-insensitive
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddClosureAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Date is null || Date < today) ModelState.AddModelError(nameof(Date), "Bitte ein Datum ab heute wählen.");
        else if (await db.WorkshopClosures.AnyAsync(c => c.WorkshopId == WorkshopId && c.Date == Date, cancellationToken))
            ModelState.AddModelError(nameof(Date), "An diesem Tag ist schon geschlossen.");
        if (!ModelState.IsValid) return await PageAsync(cancellationToken);

        db.WorkshopClosures.Add(WorkshopClosure.Create(WorkshopId, Date!.Value, Reason ?? ""));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(Guid closureId, CancellationToken cancellationToken)
    {
        var removed = await db.WorkshopClosures.Where(c => c.Id == closureId && c.WorkshopId == WorkshopId).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? NotFound() : RedirectToPage();
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Windows = await db.PickupWindows.AsNoTracking().Where(w => w.WorkshopId == WorkshopId).ToListAsync(cancellationToken);
        Windows = Windows.OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start).ToList();
        Closures = await db.WorkshopClosures.AsNoTracking().Where(c => c.WorkshopId == WorkshopId).OrderBy(c => c.Date).ToListAsync(cancellationToken);
    }

    public static string DayName(DayOfWeek day) => System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
}
