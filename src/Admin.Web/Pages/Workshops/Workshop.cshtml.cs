using System.Globalization;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Workshops;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Workshops;

/// <summary>
/// A partner workshop of a city, for the admin: address, the PLZ it serves and its opening hours (new at
/// <c>/staedte/{slug}/werkstaetten/neu</c>, with the template price list and, if wanted, the standard pickup
/// windows), then its pickup windows, its price list, inviting its staff, and deactivating it.
/// </summary>
public sealed class WorkshopModel(
    PlatformDbContext db, SaveWorkshop save, ChangePrices changePrices, ManagePickupWindows windows, InviteToCity invite,
    ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformUrls urls, TimeProvider clock) : FormPageModel
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    /// <summary>The workshop's id, or <c>neu</c> for one still to be made; anything else is no workshop.</summary>
    [BindProperty(SupportsGet = true, Name = "id")] public string RouteId { get; set; } = "";

    public Guid? Id => Guid.TryParse(RouteId, out var id) ? id : null;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Street { get; set; }
    [BindProperty] public string? PostalCode { get; set; }
    [BindProperty] public string? Town { get; set; }
    [BindProperty] public string? ServedPostalCodes { get; set; }
    /// <summary>Opening and closing time per weekday, Monday first; both empty means closed.</summary>
    [BindProperty] public List<TimeOnly?> Opens { get; set; } = [];
    [BindProperty] public List<TimeOnly?> Closes { get; set; } = [];
    [BindProperty] public bool WithCapacityTemplate { get; set; } = true;

    /// <summary>Net euros per <c>{code}.{class}</c>, as number inputs send them ("189.00").</summary>
    [BindProperty] public Dictionary<string, string?> Prices { get; set; } = [];
    [BindProperty] public string? LabourRate { get; set; }

    [BindProperty] public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    [BindProperty] public TimeOnly? Start { get; set; }
    [BindProperty] public TimeOnly? End { get; set; }
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public Guid WindowId { get; set; }
    [BindProperty] public string? StaffEmail { get; set; }

    public CityTenantInfo City { get; private set; } = null!;

    public PartnerWorkshop? Workshop { get; private set; }

    public IReadOnlyList<PickupWindow> Windows { get; private set; } = [];

    public PriceListForm PriceList { get; private set; } = null!;

    /// <summary>Invitations to this workshop's staff, newest first.</summary>
    public IReadOnlyList<(string Email, InvitationState State)> Invitations { get; private set; } = [];

    public bool IsNew => RouteId == NewWorkshop;

    public const string NewWorkshop = "neu";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!IsNew && Id is null || !await LoadAsync(cancellationToken)) return NotFound();
        if (Workshop is { } workshop)
        {
            (Name, Street, PostalCode, Town) = (workshop.Name, workshop.Address.Street, workshop.Address.PostalCode, workshop.Address.Town);
            ServedPostalCodes = string.Join(", ", workshop.ServedPostalCodes);
            Opens = Week.Select(d => workshop.OpeningHours.FirstOrDefault(p => p.Day == d)?.Opens).ToList();
            Closes = Week.Select(d => workshop.OpeningHours.FirstOrDefault(p => p.Day == d)?.Closes).ToList();
        }
        else
        {
            ServedPostalCodes = await CityAreaAsync(cancellationToken);
            Opens = Week.Select(d => SaveWorkshop.UsualHours.First(h => h.Weekday == d).Opens).ToList();
            Closes = Week.Select(d => SaveWorkshop.UsualHours.First(h => h.Weekday == d).Closes).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!IsNew && Id is null || await TenantAsync(cancellationToken) is not { } city) return NotFound();
        var hours = Week.Select((day, i) => new SaveWorkshop.Day(day, Opens.ElementAtOrDefault(i), Closes.ElementAtOrDefault(i))).ToList();
        var request = new SaveWorkshop.Request(Name, Street, PostalCode, Town, ServedPostalCodes, hours, WithCapacityTemplate);
        Result<PartnerWorkshop> saved;
        using (tenancy.BeginScope(city))
            saved = IsNew
                ? await save.CreateAsync(request, AdminId, HttpContext.GetAuditOrigin(), cancellationToken)
                : await save.UpdateAsync(Id!.Value, request, AdminId, HttpContext.GetAuditOrigin(), cancellationToken);
        return saved.Succeeded
            ? LocalRedirect($"/staedte/{Slug}/werkstaetten/{saved.Value.Id}")
            : await this.ShowAsync(saved.Failure, () => LoadAsync(cancellationToken));
    }

    public Task<IActionResult> OnPostActiveAsync(bool active, CancellationToken cancellationToken) =>
        ChangeAsync(_ => save.SetActiveAsync(Id!.Value, active, AdminId, HttpContext.GetAuditOrigin(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPricesAsync(CancellationToken cancellationToken) =>
        ChangeAsync(_ => changePrices.RunAsync(Id!.Value, ChangePrices.FromForm(Prices), EuroInput.Cents(LabourRate), AdminId, HttpContext.GetAuditOrigin(), cancellationToken),
            cancellationToken);

    public Task<IActionResult> OnPostAddWindowAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async _ => (await windows.AddAsync(Id!.Value, Day, Start, End, Capacity, cancellationToken)).WithoutValue(), cancellationToken);

    public Task<IActionResult> OnPostCapacityAsync(CancellationToken cancellationToken) =>
        ChangeAsync(_ => windows.ChangeCapacityAsync(Id!.Value, WindowId, Capacity, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async city =>
        {
            var invited = await invite.RunAsync(city, new InviteToCity.Request(StaffEmail ?? "", MembershipRole.WorkshopStaff, Id), AdminId,
                token => new Uri(urls.Identity, $"/einladung?city={city.Identifier}&token={token}"), HttpContext.GetAuditOrigin(), cancellationToken);
            return invited.Succeeded ? invited : Result.Invalid(invited.Failure.Errors.ToDictionary(e => e.Key == "email" ? "staffEmail" : e.Key, e => e.Value));
        }, cancellationToken);

    /// <summary>
    /// Runs a change to this workshop in its city: on success back to the page, with field errors the page
    /// again (400). A workshop that is not this city's is a 404 before anything runs.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Func<CityTenantInfo, Task<Result>> change, CancellationToken cancellationToken)
    {
        if (Id is null || !await LoadAsync(cancellationToken)) return NotFound();
        Result changed;
        using (tenancy.BeginScope(City))
            changed = await change(City);
        return changed.Succeeded
            ? LocalRedirect($"/staedte/{Slug}/werkstaetten/{Id}")
            : await this.ShowAsync(changed.Failure, () => OnGetAsync(cancellationToken));
    }

    public static string DayName(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);



    private Guid AdminId => HttpContext.Features.Get<UserAccess>()!.UserId;

    private async Task<CityTenantInfo?> TenantAsync(CancellationToken cancellationToken) => await cities.TryGetByIdentifierAsync(Slug, cancellationToken);

    private async Task<string> CityAreaAsync(CancellationToken cancellationToken) =>
        string.Join(", ", await db.Cities.AsNoTracking().Where(c => c.Id == City.Id)
            .SelectMany(c => c.ServiceArea.Select(p => p.Code)).OrderBy(code => code).ToListAsync(cancellationToken));

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken) is not { } city) return false;
        City = city;
        using (tenancy.BeginScope(city))
        {
            if (IsNew) return true;
            Workshop = await db.PartnerWorkshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == Id, cancellationToken);
            if (Workshop is null) return false;
            Windows = (await db.PickupWindows.AsNoTracking().Where(w => w.WorkshopId == Id).ToListAsync(cancellationToken))
                .OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start).ToList();
            var invitations = await db.Invitations.AsNoTracking().Where(i => i.WorkshopId == Id).OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(cancellationToken);
            Invitations = invitations.Select(i => (i.Email, i.StateAt(clock.GetUtcNow()))).ToList();
            PriceList = await changePrices.FormAsync(Id!.Value, Prices, LabourRate, cancellationToken);
        }
        return true;
    }
}
