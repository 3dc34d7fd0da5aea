using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;

namespace Autowartung.Tenant.Web.Pages.Jockey;

/// <summary>The jockey's day in this city: today's and tomorrow's pickups and returns, in time order, each with what the road needs.</summary>
public sealed class IndexModel(JockeyDay day, DeclineTask decline, MoveBooking move, TimeProvider clock) : FormPageModel
{
    public CityTenantInfo City { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<IGrouping<DateOnly, JockeyDay.Errand>> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        City = HttpContext.GetTenantInfo<CityTenantInfo>()!;
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), City.TimeZone).DateTime);
        var errands = await day.ForAsync(HttpContext.Features.Get<UserAccess>()!.UserId, Today, Today.AddDays(1), cancellationToken);
        Days = [.. errands.GroupBy(e => e.Date)];
    }

    /// <summary>The jockey gives a task back, with a reason; another jockey gets it at once.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(Guid taskId, string? reason, CancellationToken cancellationToken)
    {
        var declined = await decline.RunAsync(taskId, HttpContext.Features.Get<UserAccess>()!.UserId, reason, HttpContext.GetAuditOrigin(), cancellationToken);
        return declined.Succeeded ? RedirectToPage() : await this.ShowAsync(declined.Failure, () => OnGetAsync(cancellationToken));
    }

    /// <summary>The jockey has brought the picked-up car to the workshop.</summary>
    public async Task<IActionResult> OnPostHandOverAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var moved = await move.RunAsync(bookingId, nameof(Platform.Bookings.BookingStatus.AtWorkshop), HttpContext.Caller()!, HttpContext.GetAuditOrigin(), cancellationToken);
        return moved.Succeeded ? RedirectToPage() : await this.ShowAsync(moved.Failure, () => OnGetAsync(cancellationToken));
    }

    public IReadOnlyList<JockeyDay.Errand> On(DateOnly date) => Days.FirstOrDefault(d => d.Key == date)?.ToList() ?? [];
}
