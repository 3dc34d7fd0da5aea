using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Scheduling;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Account;

/// <summary>The customer picks another free window for their car's return (the link in the "bringt Ihr Auto zurück" email).</summary>
[Authorize]
public sealed class ReturnModel(PlatformDbContext db, ChooseReturnWindow choose) : PageModel
{
    public Booking Booking { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = null!;

    public IReadOnlyList<BookableSlot> Windows { get; private set; } = [];

    [BindProperty] public string? SlotId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = HttpContext.Features.Get<UserAccess>()!.UserId;
        var chosen = await choose.RunAsync(id, customer, SlotId, cancellationToken);
        if (chosen.Succeeded) return RedirectToPage("MyBookings", new { rueckgabe = id });
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await this.ShowAsync(chosen.Failure, () => Task.CompletedTask);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var customer = HttpContext.Features.Get<UserAccess>()!.UserId;
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.CustomerUserId == customer, cancellationToken);
        if (booking is null) return false;
        (Booking, Zone) = (booking, HttpContext.GetTenantInfo<CityTenantInfo>()!.TimeZone);
        Windows = await choose.WindowsAsync(id, customer, cancellationToken);
        return true;
    }
}
