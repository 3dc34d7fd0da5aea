using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Workshops;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>
/// One city for the admin: its settings (new at <c>/staedte/neu</c>), the expansion criteria with their
/// evidence, and the go-live gate. Moving the city is refused with every unmet criterion named.
/// </summary>
public sealed class CityModel(
    PlatformDbContext db, SaveCity saveCity, AssessReadiness readiness, ChangeCityStatus changeStatus, RecordAttestation attest, ManageFleet fleet,
    CompleteTestRun completeTestRun, OpenTasks openTasks, MoveTask moveTask, ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformUrls urls) : FormPageModel
{
    public sealed record Person(Guid Id, string Email);

    public sealed record TestBooking(Guid Id, DateTimeOffset CreatedAt, BookingStatus Status, DateTimeOffset PickupStartUtc, int TotalGrossCents);

    /// <summary>The city's slug, or <see cref="CitySlug.NewCity"/> for a city still to be made.</summary>
    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty] public string? NewSlug { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ServiceArea { get; set; }
    [BindProperty] public string TimeZone { get; set; } = "Europe/Berlin";
    /// <summary>Euros as a number input sends them ("29.00" whatever the page's language); a comma is taken too.</summary>
    [BindProperty] public string? ConciergeFee { get; set; } = "29.00";
    [BindProperty] public int PilotDailyBookingCap { get; set; } = 5;
    [BindProperty] public int FreeCancellationHours { get; set; } = 24;
    [BindProperty] public string? LateCancellationFee { get; set; } = "15.00";
    [BindProperty] public int MinimumReplacementCars { get; set; } = 2;
    [BindProperty] public int ReturnKmAllowance { get; set; } = Platform.Cities.City.DefaultReturnKmAllowance;
    [BindProperty] public CityStatus Target { get; set; }
    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public AttestationKind? Kind { get; set; }
    [BindProperty] public Guid? SubjectId { get; set; }
    [BindProperty] public DateOnly? AttestedDate { get; set; }
    [BindProperty] public string? Trainer { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? CarPlate { get; set; }
    [BindProperty] public string? CarModel { get; set; }
    [BindProperty] public string? TestNote { get; set; }

    public City? City { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Workshops { get; private set; } = [];

    /// <summary>Every workshop of the city, the deactivated ones too.</summary>
    public IReadOnlyList<PartnerWorkshop> AllWorkshops { get; private set; } = [];

    public IReadOnlyList<Person> Jockeys { get; private set; } = [];

    public IReadOnlyList<ReplacementCar> Cars { get; private set; } = [];

    /// <summary>The coming pickups and returns, those that found no jockey first.</summary>
    public IReadOnlyList<OpenTasks.Item> Tasks { get; private set; } = [];

    /// <summary>The test bookings its crew and admins made while the city was in onboarding, newest first.</summary>
    public IReadOnlyList<TestBooking> TestBookings { get; private set; } = [];

    /// <summary>Where a test booking starts: the city's own booking journey, open to admins during onboarding.</summary>
    public Uri? BookingStart => City is null ? null : new Uri(urls.City(City.Slug), "/buchen");

    public IReadOnlyList<Criterion> Criteria { get; private set; } = [];

    public IReadOnlyList<Criterion> Unmet { get; private set; } = [];

    public string? Message { get; private set; }

    public bool IsNew => Slug == CitySlug.NewCity;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew) return Page();
        if (!await LoadAsync(cancellationToken)) return NotFound();
        (Name, TimeZone, ConciergeFee, PilotDailyBookingCap, FreeCancellationHours, LateCancellationFee, MinimumReplacementCars, ReturnKmAllowance) =
            (City!.Name, City.TimeZoneId, EuroInput.Format(City.ConciergeFeeCents), City.PilotDailyBookingCap, City.FreeCancellationHours, EuroInput.Format(City.LateCancellationFeeCents),
             City.MinimumReplacementCars, City.ReturnKmAllowance);
        ServiceArea = string.Join(", ", City.ServiceArea.Select(p => p.Code).Order());
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var request = new SaveCity.Request(NewSlug, Name, ServiceArea, TimeZone, EuroInput.Cents(ConciergeFee), PilotDailyBookingCap, FreeCancellationHours,
            EuroInput.Cents(LateCancellationFee), MinimumReplacementCars, ReturnKmAllowance);
        var saved = IsNew
            ? await saveCity.CreateAsync(request, AdminId, HttpContext.GetAuditOrigin(), cancellationToken)
            : await saveCity.UpdateAsync(Slug!, request, AdminId, HttpContext.GetAuditOrigin(), cancellationToken);
        return saved.Succeeded
            ? LocalRedirect($"/staedte/{saved.Value.Slug}")
            : await this.ShowAsync(saved.Failure, async () => { if (!IsNew) await LoadAsync(cancellationToken); });
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken)
    {
        if (IsNew || await cities.TryGetByIdentifierAsync(Slug!, cancellationToken) is not { } tenant) return NotFound();
        // On the page the why is asked for; the use case leaves it to API clients.
        Result moved;
        if (string.IsNullOrWhiteSpace(Reason)) moved = Result.Invalid("reason", "Bitte einen Grund angeben (3 bis 300 Zeichen).");
        else
            using (tenancy.BeginScope(tenant))
                moved = (await changeStatus.RunAsync(Target, Reason, AdminId, HttpContext.GetAuditOrigin(), cancellationToken)).WithoutValue();
        if (moved.Succeeded) return LocalRedirect($"/staedte/{Slug}");
        if (moved.Failure.Status == ResultStatus.NotFound) return NotFound();
        await OnGetAsync(cancellationToken);
        // The gate shows its refusal in one place, next to the criteria, whether the reason or the move was wrong.
        Message = moved.Failure.Reason ?? moved.Failure.Errors.Values.SelectMany(m => m).First();
        Unmet = moved.Failure.Details as IReadOnlyList<Criterion> ?? [];
        Response.StatusCode = ResultPages.StatusCode(moved.Failure);
        return Page();
    }

    public Task<IActionResult> OnPostAttestAsync(CancellationToken cancellationToken) =>
        InCityAsync(() => attest.RunAsync(new RecordAttestation.Request(Kind, SubjectId, AttestedDate, Trainer, Note), AdminId, HttpContext.GetAuditOrigin(), cancellationToken),
            cancellationToken);

    public Task<IActionResult> OnPostAddCarAsync(CancellationToken cancellationToken) =>
        InCityAsync(() => fleet.AddAsync(CarPlate, CarModel, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCarStatusAsync(Guid carId, ReplacementCarStatus carStatus, CancellationToken cancellationToken) =>
        InCityAsync(() => fleet.SetStatusAsync(carId, carStatus, cancellationToken), cancellationToken);

    /// <summary>Gives a task to another jockey by hand (audited); a jockey busy at that time is refused (409).</summary>
    public Task<IActionResult> OnPostMoveTaskAsync(Guid taskId, Guid jockeyUserId, CancellationToken cancellationToken) =>
        InCityAsync(() => moveTask.RunAsync(taskId, jockeyUserId, AdminId, HttpContext.GetAuditOrigin(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCompleteTestRunAsync(Guid bookingId, CancellationToken cancellationToken) =>
        InCityAsync(() => completeTestRun.RunAsync(bookingId, TestNote, AdminId, HttpContext.GetAuditOrigin(), cancellationToken), cancellationToken);

    /// <summary>Runs a change in this city; on success back to the page, else the page with what went wrong.</summary>
    private async Task<IActionResult> InCityAsync(Func<Task<Result>> change, CancellationToken cancellationToken)
    {
        if (IsNew || await cities.TryGetByIdentifierAsync(Slug!, cancellationToken) is not { } tenant) return NotFound();
        Result result;
        using (tenancy.BeginScope(tenant))
            result = await change();
        return result.Succeeded ? LocalRedirect($"/staedte/{Slug}") : await this.ShowAsync(result.Failure, () => OnGetAsync(cancellationToken));
    }

    private Guid AdminId => HttpContext.Features.Get<UserAccess>()!.UserId;



    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        City = await db.Cities.AsNoTracking().Include(c => c.ServiceArea).SingleOrDefaultAsync(c => c.Slug == Slug, cancellationToken);
        if (City is null) return false;
        using (tenancy.BeginScope(City.ToTenantInfo()))
        {
            Criteria = await readiness.RunAsync(cancellationToken);
            AllWorkshops = await db.PartnerWorkshops.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
            Workshops = AllWorkshops.Where(w => w.IsActive).Select(w => (w.Id, w.Name)).ToList();
            var jockeyIds = await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Jockey && m.RevokedAt == null).Select(m => m.UserId).ToListAsync(cancellationToken);
            Jockeys = await db.Users.AsNoTracking().Where(u => jockeyIds.Contains(u.Id)).OrderBy(u => u.Email).Select(u => new Person(u.Id, u.Email!)).ToListAsync(cancellationToken);
            Cars = await db.ReplacementCars.AsNoTracking().OrderBy(c => c.LicensePlate).ToListAsync(cancellationToken);
            Tasks = await openTasks.ListAsync(cancellationToken: cancellationToken);
            TestBookings = await db.Bookings.AsNoTracking().Where(b => b.IsTest).OrderByDescending(b => b.CreatedAt).Take(20)
                .Select(b => new TestBooking(b.Id, b.CreatedAt, b.Status, b.PickupStartUtc, b.TotalGrossCents)).ToListAsync(cancellationToken);
        }
        return true;
    }

    public static string CarStatusLabel(ReplacementCarStatus status) => status switch
    {
        ReplacementCarStatus.Available => "Verfügbar",
        ReplacementCarStatus.InUse => "Im Einsatz",
        ReplacementCarStatus.Maintenance => "In Wartung",
        _ => "Ausgemustert",
    };
}
