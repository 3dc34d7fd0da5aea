using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Workshops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Demo;

/// <summary>
/// The demo data `./dev.sh up` seeds: Witten in its pilot and Dortmund live, each with a partner
/// workshop, so that isolation between two cities is visible from the first start. A demo city is made
/// public the way a real one is: it starts in onboarding, gets what the seven expansion criteria ask for
/// (three trained jockeys on shift, a trained workshop, replacement cars, marketing, a completed test run)
/// and then passes the go-live gate, so every public demo city can be booked. Idempotent: a second run
/// adds what is missing and changes nothing else. The names, addresses and plates are made up.
/// </summary>
public sealed class DemoSeed(
    PlatformDbContext db, MultiTenantContextAccessor<CityTenantInfo> tenancy, UserManager<PlatformUser> users,
    IUserStore<PlatformUser> userStore, ImportVehicleCatalog vehicleCatalog, CreateQuote createQuote, ChangeCityStatus changeStatus,
    TimeProvider clock)
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

    /// <summary>A demo city, the status it is shown in, its partner workshop, its fleet's plate district and its jockeys.</summary>
    private sealed record DemoCity(
        string Slug, string Name, CityStatus Status, IReadOnlyList<PostalCode> Area, DemoWorkshop Workshop, string PlateDistrict, string[] Jockeys);

    private sealed record DemoWorkshop(string Name, Address Address, IReadOnlyList<PostalCode> Serves);

    private static readonly DemoCity[] Cities =
    [
        new("witten", "Witten", CityStatus.Pilot, PostalCode.Range("58452", "58456"),
            new DemoWorkshop("Kfz-Meisterbetrieb Helenenberg", new Address("Ruhrdeich 12", "58452", "Witten"), PostalCode.Range("58452", "58456")), "EN",
            ["fahrer@witten.example", "fahrer2@witten.example", "fahrer3@witten.example"]),
        new("dortmund", "Dortmund", CityStatus.Live, PostalCodes("44135", "44137", "44139", "44141", "44143"),
            new DemoWorkshop("Werkstatt am Phoenixsee", new Address("Seeuferweg 3", "44139", "Dortmund"),
                PostalCodes("44135", "44137", "44139", "44141", "44143")), "DO",
            ["fahrer1@dortmund.example", "fahrer2@dortmund.example", "fahrer3@dortmund.example"]),
    ];

    private static readonly IReadOnlyList<OpeningPeriod> UsualHours =
        SaveWorkshop.UsualHours.Where(d => d.Opens is not null).Select(d => new OpeningPeriod(d.Weekday, d.Opens!.Value, d.Closes!.Value)).ToList();

    private static IReadOnlyList<PostalCode> PostalCodes(params string[] codes) => codes.Select(PostalCode.Parse).ToList();

    /// <summary>
    /// Seeds cities, workshops and the demo users, and makes each demo city public through the go-live gate; writes the
    /// logins to <paramref name="demoUsersFile"/> when given.
    /// </summary>
    public async Task RunAsync(string? demoUsersFile = null, CancellationToken cancellationToken = default)
    {
        await SeedVehicleCatalogAsync(cancellationToken);
        await SeedCitiesAsync(cancellationToken);
        foreach (var demo in Users) await SeedUserAsync(demo, cancellationToken);
        var admin = await users.FindByEmailAsync(Users.Single(u => u.Role == "PlatformAdmin").Email);
        foreach (var demo in Cities) await MakePublicAsync(demo, admin!.Id, cancellationToken);
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
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Failure.Errors.Values.SelectMany(lines => lines)));
    }

    private async Task SeedCitiesAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in Cities)
        {
            var city = await db.Cities.SingleOrDefaultAsync(c => c.Slug == demo.Slug, cancellationToken);
            if (city is null)
            {
                // Every city starts in onboarding; MakePublicAsync takes it through the go-live gate.
                city = City.Create(demo.Slug, demo.Name, "Europe/Berlin", demo.Area, clock.GetUtcNow());
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

    /// <summary>
    /// Gives the city what each expansion criterion asks for, then moves it through the go-live gate to its demo
    /// status. The gate checks the criteria as it does for an admin, so a seed that forgot one fails here.
    /// </summary>
    private async Task MakePublicAsync(DemoCity demo, Guid adminId, CancellationToken cancellationToken)
    {
        var city = await db.Cities.SingleAsync(c => c.Slug == demo.Slug, cancellationToken);
        using var scope = tenancy.BeginScope(city.ToTenantInfo());
        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(city.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var workshop = await db.PartnerWorkshops.OrderBy(w => w.Name).FirstAsync(cancellationToken);
        var attestations = await db.ExpansionAttestations.ToListAsync(cancellationToken);
        void Attest(AttestationKind kind, Guid? subject, int daysAgo, string? trainer, string? note)
        {
            if (!attestations.Any(a => a.Kind == kind && a.SubjectId == subject))
                db.ExpansionAttestations.Add(ExpansionAttestation.Create(kind, subject, today.AddDays(-daysAgo), trainer, note, adminId, now));
        }

        Attest(AttestationKind.WorkshopTraining, workshop.Id, 28, "Petra Schulung", null);
        foreach (var (email, i) in demo.Jockeys.Select((e, i) => (e, i)))
        {
            var jockey = await JockeyAsync(email, i + 1, cancellationToken);
            Attest(AttestationKind.JockeyTraining, jockey, 21, "Petra Schulung", null);
        }
        Attest(AttestationKind.Marketing, null, 14, null, $"Flyer und Plakate in {city.Name}, Anzeige im Stadtanzeiger");

        var cars = await db.ReplacementCars.Select(c => c.LicensePlate).ToListAsync(cancellationToken);
        for (var number = 1; cars.Count(p => p.StartsWith($"{demo.PlateDistrict}-AW ", StringComparison.Ordinal)) < Math.Max(city.MinimumReplacementCars, 1); number++)
        {
            var plate = $"{demo.PlateDistrict}-AW {number}";
            if (cars.Contains(plate)) continue;
            db.ReplacementCars.Add(ReplacementCar.Add(plate, number % 2 == 1 ? "VW Polo" : "Opel Corsa", now));
            cars.Add(plate);
        }
        await db.SaveChangesAsync(cancellationToken);

        if (!await db.Bookings.AnyAsync(b => b.IsTest && b.Status == BookingStatus.Completed, cancellationToken))
        {
            // A test run belongs to onboarding (its quote is a test quote, counted in no KPI): a demo database whose city
            // went public without one goes back and through the gate again.
            city.ForceStatus(CityStatus.Onboarding);
            await db.SaveChangesAsync(cancellationToken);
            await CompletedTestRunAsync(demo, workshop, adminId, today, zone, cancellationToken);
        }

        while (city.Status != demo.Status)
        {
            var next = city.Status == CityStatus.Onboarding ? CityStatus.Pilot : demo.Status;
            var moved = await changeStatus.RunAsync(next, "Demo-Daten: alle Kriterien erfüllt", adminId, AuditOrigin.None, cancellationToken);
            if (!moved.Succeeded)
                throw new InvalidOperationException($"The demo city {demo.Slug} cannot go to {next}: {moved.Failure.Reason ?? moved.Status.ToString()}");
            await db.Entry(city).ReloadAsync(cancellationToken);
        }
    }

    /// <summary>A jockey of the city with an active membership and the usual shifts; a light account without password.</summary>
    private async Task<Guid> JockeyAsync(string email, int number, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PlatformUser(email, clock.GetUtcNow()) { EmailConfirmed = true, DisplayName = $"Demo Fahrer {number}" };
            Check(await users.CreateAsync(user));
        }
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id && m.Role == MembershipRole.Jockey, cancellationToken);
        if (membership is null) db.Memberships.Add(Membership.Grant(user.Id, MembershipRole.Jockey, null, clock.GetUtcNow()));
        else if (!membership.IsActive) membership.Reinstate(null, clock.GetUtcNow());
        if (!await db.JockeyShifts.AnyAsync(s => s.JockeyUserId == user.Id, cancellationToken)) db.JockeyShifts.AddRange(DemoShifts(user.Id));
        await db.SaveChangesAsync(cancellationToken);
        return user.Id;
    }

    /// <summary>
    /// The admin's test booking of last week, quoted like any other, paid, picked up, serviced and brought back:
    /// what criterion 7 asks for. Its slot lies in the past, so it takes no place from the calendar.
    /// </summary>
    private async Task CompletedTestRunAsync(DemoCity demo, PartnerWorkshop workshop, Guid adminId, DateOnly today, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var postalCode = demo.Workshop.Serves[0].Value;
        var quoted = await createQuote.RunAsync(new CreateQuote.Request(
            new VehicleInput("Opel", "Corsa", 2021, "Petrol", 42_000, null, null), ["INSPECTION"], postalCode), cancellationToken);
        if (!quoted.Succeeded) throw new InvalidOperationException($"The demo test quote in {demo.Slug} failed: {string.Join("; ", quoted.Failure.Errors.SelectMany(e => e.Value))}");
        var quote = quoted.Value;

        var windows = await db.PickupWindows.AsNoTracking().Where(w => w.WorkshopId == workshop.Id).ToListAsync(cancellationToken);
        var slot = SlotCalendar.Slots(windows, new HashSet<DateOnly>(), today.AddDays(-9), 7, zone).First();
        var admin = await users.FindByIdAsync(adminId.ToString());
        var booking = Booking.Hold(quote, slot, adminId, new BookingContact("Testlauf Autowartung", admin!.Email!, "0231 000000"),
            new Address(demo.Workshop.Address.Street, postalCode, demo.Workshop.Address.Town), $"{demo.PlateDistrict}-TB 1",
            slot.StartUtc.AddDays(-2), Booking.DefaultHold, slot.EndUtc.AddHours(6), isTest: true);
        booking.Confirm(slot.StartUtc.AddDays(-2).AddMinutes(3));
        booking.CompleteTestRun(slot.EndUtc.AddHours(8), "Demo-Daten: Abholung, Inspektion und Rückgabe ohne Befund");
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(cancellationToken);
    }
}
