using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.WorkshopOrders;
using Autowartung.Platform.Workshops;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Workshop;

/// <summary>
/// The workshop's dashboard, its staff's start page: their own workshop's orders in four columns (today's
/// arrivals, in service, awaiting the customer's approval, ready for return), with the pickup protocol and
/// the time in each state, a button for the next step, and the customer's decisions on extra work as they
/// come in: the board reloads itself every few seconds without reloading the page.
/// </summary>
public sealed class IndexModel(PlatformDbContext db, WorkshopBoard board, MoveBooking move) : PageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public PartnerWorkshop Workshop { get; private set; } = null!;

    public IReadOnlyList<WorkshopBoard.Order> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Only the board, for the page's own refresh.</summary>
    public async Task<IActionResult> OnGetBoardAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Partial("_Board", this) : NotFound();

    /// <summary>The car's next step from the board: work started, or done and ready to go back (audited; 409 from the wrong step).</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? to, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var moved = await move.RunAsync(id, to, HttpContext.Caller()!, HttpContext.GetAuditOrigin(), cancellationToken);
        if (moved.Succeeded) return RedirectToPage();
        if (moved.Failure.Status == ResultStatus.NotFound) return NotFound();
        ModelState.AddModelError("", moved.Failure.Reason ?? "");
        Response.StatusCode = ResultPages.StatusCode(moved.Failure);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public IEnumerable<WorkshopBoard.Order> In(BoardColumn column) => Orders.Where(o => o.Column == column);

    public static string Title(BoardColumn column) => column switch
    {
        BoardColumn.Arrivals => "Heute ankommend",
        BoardColumn.InService => "In Arbeit",
        BoardColumn.AwaitingApproval => "Wartet auf Freigabe",
        _ => "Bereit zur Rückgabe",
    };

    /// <summary>How long an order has been in its state, the way a person says it.</summary>
    public static string For(TimeSpan time) => time.TotalMinutes < 60 ? $"{Math.Max(0, (int)time.TotalMinutes)} Min." : time.TotalHours < 48 ? $"{(int)time.TotalHours} Std." : $"{(int)time.TotalDays} Tagen";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>()!;
        var workshopId = HttpContext.Features.Get<UserAccess>()?.WorkshopId;
        var workshop = await db.PartnerWorkshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workshopId, cancellationToken);
        if (workshop is null) return false;
        Workshop = workshop;
        Orders = await board.RunAsync(workshop.Id, cancellationToken: cancellationToken);
        return true;
    }
}
