using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Workshops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Demo;

/// <summary>
/// The demo data `./dev.sh up` seeds: Witten in its pilot and Dortmund live, each with a partner
/// workshop, so that isolation between two cities is visible from the first start. Idempotent: a second
/// run adds what is missing and changes nothing else. The names and addresses are made up.
/// </summary>
public sealed class DemoSeed(
    PlatformDbContext db, MultiTenantContextAccessor<CityTenantInfo> tenancy, UserManager<PlatformUser> users,
    IUserStore<PlatformUser> userStore, ImportVehicleCatalog vehicleCatalog, TimeProvider clock)
{
    /// <summary>A demo login as scripts read it from <c>.dev/demo-users.json</c>.</summary>
    public sealed record DemoUser(string Role, string? City, string Email, string Password, string? TotpSecret);

    // DEV DEFAULTS ONLY: well-known logins for the local demo stack, printed by ./dev.sh up. Never seeded elsewhere.
    private static readonly DemoUser[] Users =
    [
        new("Customer", "witten", "kunde@witten.example", "Kunde-Witten-2026", null),
        new("Jockey", "witten", "fahrer@witten.example", "Fahrer-Witten-2026", null),
        new("WorkshopStaff", "witten", "werkstatt@witten.example", "Werkstatt-Witten-2026", "AWDEMOWERKSTATTWITTEN234567ABCDE"),
        new("PlatformAdmin", null, "admin@autowartung.example", "Admin-Plattform-2026", "AWDEMOPLATFORMADMIN234567ABCDEFG"),
    ];
    private sealed record DemoCity(string Slug, string Name, CityStatus Status, IReadOnlyList<PostalCode> Area, DemoWorkshop Workshop);

    private sealed record DemoWorkshop(string Name, Address Address, IReadOnlyList<PostalCode> Serves);

    private static readonly DemoCity[] Cities =
    [
        new("witten", "Witten", CityStatus.Pilot, PostalCode.Range("58452", "58456"),
            new DemoWorkshop("Kfz-Meisterbetrieb Helenenberg", new Address("Ruhrdeich 12", "58452", "Witten"), PostalCode.Range("58452", "58456"))),
        new("dortmund", "Dortmund", CityStatus.Live, PostalCodes("44135", "44137", "44139", "44141", "44143"),
            new DemoWorkshop("Werkstatt am Phoenixsee", new Address("Seeuferweg 3", "44139", "Dortmund"),
                PostalCodes("44135", "44137", "44139", "44141", "44143"))),
    ];

    private static readonly IReadOnlyList<OpeningPeriod> UsualHours =
        SaveWorkshop.UsualHours.Where(d => d.Opens is not null).Select(d => new OpeningPeriod(d.Weekday, d.Opens!.Value, d.Closes!.Value)).ToList();

    private static IReadOnlyList<PostalCode> PostalCodes(params string[] codes) => codes.Select(PostalCode.Parse).ToList();

    /// <summary>Seeds cities, workshops and the demo users; writes the logins to <paramref name="demoUsersFile"/> when given.</summary>
    public async Task RunAsync(string? demoUsersFile = null, CancellationToken cancellationToken = default)
    {
        await SeedVehicleCatalogAsync(cancellationToken);
        await SeedCitiesAsync(cancellationToken);
        foreach (var demo in Users) await SeedUserAsync(demo, cancellationToken);
        if (demoUsersFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(demoUsersFile))!);
            await File.WriteAllTextAsync(demoUsersFile, JsonSerializer.Serialize(Users, JsonOptions), cancellationToken);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private async Task SeedUserAsync(DemoUser demo, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(demo.Email);
        if (user is null)
        {
            user = new PlatformUser(demo.Email, clock.GetUtcNow()) { EmailConfirmed = true, DisplayName = $"Demo {demo.Role}" };
            Check(await users.CreateAsync(user, demo.Password));
        }
        else if (!await users.CheckPasswordAsync(user, demo.Password))
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, demo.Password));
        }
        // A demo login that tests or a curious developer locked out works again after the next `up`.
        user.IsDisabled = false;
        user.IsPlatformAdmin = demo.Role == "PlatformAdmin";
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.TwoFactorEnabled = demo.TotpSecret is not null;
        Check(await users.UpdateAsync(user));
        if (demo.TotpSecret is not null && await users.GetAuthenticatorKeyAsync(user) != demo.TotpSecret)
        {
            await ((IUserAuthenticatorKeyStore<PlatformUser>)userStore).SetAuthenticatorKeyAsync(user, demo.TotpSecret, cancellationToken);
            Check(await users.UpdateAsync(user));
        }

        if (demo.City is null) return;
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == demo.City, cancellationToken);
        using (tenancy.BeginScope(city.ToTenantInfo()))
        {
            var role = Enum.Parse<MembershipRole>(demo.Role);
            var workshopId = role == MembershipRole.WorkshopStaff ? await db.PartnerWorkshops.OrderBy(w => w.Name).Select(w => (Guid?)w.Id).FirstAsync(cancellationToken) : null;
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id && m.Role == role, cancellationToken);
            if (membership is null) db.Memberships.Add(Membership.Grant(user.Id, role, workshopId, clock.GetUtcNow()));
            else if (!membership.IsActive) membership.Reinstate(workshopId, clock.GetUtcNow());
            if (role == MembershipRole.Jockey && !await db.JockeyShifts.AnyAsync(s => s.JockeyUserId == user.Id, cancellationToken))
                db.JockeyShifts.AddRange(DemoShifts(user.Id));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The demo jockey works Monday to Saturday, 06:30 to 19:00.</summary>
    private static IEnumerable<JockeyShift> DemoShifts(Guid jockeyId) =>
        Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday)
            .Select(day => JockeyShift.Create(jockeyId, day, new TimeOnly(6, 30), new TimeOnly(19, 0)));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task SeedVehicleCatalogAsync(CancellationToken cancellationToken)
    {
        if (await db.VehicleModels.AnyAsync(cancellationToken)) return;
        await using var stream = typeof(DemoSeed).Assembly.GetManifestResourceStream("Autowartung.Platform.Vehicles.vehicle-catalog.csv")!;
        using var reader = new StreamReader(stream);
        var result = await vehicleCatalog.RunAsync(reader, cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    private async Task SeedCitiesAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in Cities)
        {
            var city = await db.Cities.SingleOrDefaultAsync(c => c.Slug == demo.Slug, cancellationToken);
            if (city is null)
            {
                city = City.Create(demo.Slug, demo.Name, "Europe/Berlin", demo.Area, clock.GetUtcNow());
                city.ForceStatus(demo.Status);
                db.Cities.Add(city);
                await db.SaveChangesAsync(cancellationToken);
            }

            using (tenancy.BeginScope(city.ToTenantInfo()))
            {
                if (!await db.PartnerWorkshops.AnyAsync(w => w.Name == demo.Workshop.Name, cancellationToken))
                {
                    var workshop = PartnerWorkshop.Create(demo.Workshop.Name, demo.Workshop.Address, demo.Workshop.Serves, clock.GetUtcNow());
                    workshop.Update(workshop.Name, workshop.Address, demo.Workshop.Serves, UsualHours);
                    workshop.SetLabourRate(PriceListTemplate.LabourRateNetCents);
                    db.PartnerWorkshops.Add(workshop);
                    db.WorkshopPrices.AddRange(PriceListTemplate.For(workshop.Id));
                    await db.SaveChangesAsync(cancellationToken);
                }
                // Workshops seeded before opening hours existed get the usual ones.
                foreach (var workshop in (await db.PartnerWorkshops.ToListAsync(cancellationToken)).Where(w => w.OpeningHours.Count == 0))
                    workshop.Update(workshop.Name, workshop.Address, workshop.ServedPostalCodes.Select(PostalCode.Parse), UsualHours);
                // Workshops seeded before price lists existed get the template too.
                foreach (var workshop in await db.PartnerWorkshops.Where(w => !db.WorkshopPrices.Any(p => p.WorkshopId == w.Id)).ToListAsync(cancellationToken))
                {
                    workshop.SetLabourRate(PriceListTemplate.LabourRateNetCents);
                    db.WorkshopPrices.AddRange(PriceListTemplate.For(workshop.Id));
                }
                await db.SaveChangesAsync(cancellationToken);
                if (!await db.PickupWindows.AnyAsync(cancellationToken))
                {
                    foreach (var workshopId in await db.PartnerWorkshops.Select(w => w.Id).ToListAsync(cancellationToken))
                        db.PickupWindows.AddRange(CapacityTemplate.Standard(workshopId));
                    await db.SaveChangesAsync(cancellationToken);
                }
                if (!await db.CatalogItems.AnyAsync(cancellationToken))
                {
                    db.CatalogItems.AddRange(CatalogTemplate.Create());
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
    }
}
