using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Admin.Web.Tests;

/// <summary>The demo cities (Witten, Dortmund) and a platform admin.</summary>
public sealed class ExpansionApp : AppFixture<Program>
{
    public PlatformUser Admin { get; private set; } = null!;

    public HttpClient AdminClient()
    {
        var client = Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(Factory.Services, Admin, secondFactor: true));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    protected override async Task SeedAsync()
    {
        Admin = await Database.AddPersonAsync("expansion-admin@test.example", platformAdmin: true);
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
    }

    /// <summary>Runs <paramref name="work"/> in <paramref name="slug"/>'s tenant scope with the app's services.</summary>
    public async Task InCityAsync(string slug, Func<IServiceProvider, PlatformDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == slug);
        using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo());
        await work(scope.ServiceProvider, db);
    }
}

public sealed class ExpansionTests(ExpansionApp app) : IClassFixture<ExpansionApp>
{
    private static object NewCity(string slug, string area) => new
    {
        slug,
        name = "Bochum",
        serviceArea = area,
        timeZone = "Europe/Berlin",
        conciergeFeeCents = 2900,
        pilotDailyBookingCap = 5,
        freeCancellationHours = 24,
        lateCancellationFeeCents = 1500,
        minimumReplacementCars = 2,
    };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task CreateCity_StartsInOnboarding_WithItsArea_AndIsAudited()
    {
        using var admin = app.AdminClient();
        using var created = await admin.PostAsJsonAsync("/api/v1/cities", NewCity("bochum", "44787-44789, 44791\n44793"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var city = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Onboarding", city.GetProperty("status").GetString());
        Assert.Equal(["44787", "44789", "44791", "44793"], city.GetProperty("serviceArea").EnumerateArray().Select(p => p.GetString()));   // 44788 does not exist
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'CityCreated' AND detail LIKE 'bochum:%'"));

        using var readiness = await admin.GetAsync("/api/v1/cities/bochum/readiness");
        var criteria = (await readiness.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(7, criteria.Count);
        Assert.All(criteria, c => Assert.False(c.GetProperty("met").GetBoolean()));
        Assert.All(criteria, c => Assert.NotEmpty(c.GetProperty("evidence").GetString()!));

        // Bochum is not public yet: the going-live gate names every unmet criterion.
        using var refused = await admin.PostAsJsonAsync("/api/v1/cities/bochum/status", new { status = "Pilot" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var unmet = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unmet").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        Assert.Equal(criteria.Select(c => c.GetProperty("key").GetString()), unmet);
        Assert.Equal("Onboarding", await app.Database.ScalarAsync<string>("SELECT status FROM cities WHERE slug = 'bochum'"));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("id")]
    [InlineData("www")]
    [InlineData("api")]
    [InlineData("Bo Chum")]
    [InlineData("-bochum")]
    [InlineData("witten")]
    [InlineData("")]
    public async Task CreateCity_RefusesSlugsThatCannotNameACity(string slug)
    {
        using var admin = app.AdminClient();
        var errors = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/cities", NewCity(slug, "44866")));
        Assert.True(errors.TryGetProperty("slug", out _));
    }

    [Theory]
    [InlineData("4478", "keine deutsche Postleitzahl")]
    [InlineData("00000", "keine deutsche Postleitzahl")]
    [InlineData("44789-44787", "ungültig")]
    [InlineData("10000-19999", "ungültig")]
    [InlineData("", "mindestens eine")]
    [InlineData("44866, 58452", "58452 (Witten)")]
    public async Task CreateCity_RefusesAServiceAreaThatIsWrongOrTaken(string area, string named)
    {
        using var admin = app.AdminClient();
        var errors = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/cities", NewCity("herne-west", area)));
        Assert.Contains(named, errors.GetProperty("serviceArea")[0].GetString());
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM cities WHERE slug = 'herne-west'"));
    }

    [Fact]
    public async Task CreateCity_RefusesBadSettings_FieldByField()
    {
        using var admin = app.AdminClient();
        var errors = await ErrorsAsync(await admin.PostAsJsonAsync("/api/v1/cities", new
        {
            slug = "hagen",
            name = "H",
            serviceArea = "58095",
            timeZone = "Mars/Olympus",
            conciergeFeeCents = -1,
            pilotDailyBookingCap = 0,
            freeCancellationHours = 1000,
            lateCancellationFeeCents = -5,
            minimumReplacementCars = -1,
        }));
        foreach (var field in new[] { "name", "timeZone", "conciergeFeeCents", "pilotDailyBookingCap", "freeCancellationHours", "lateCancellationFeeCents", "minimumReplacementCars" })
            Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task UpdateCity_ChangesSettingsAndArea_ButNotIntoAnotherCitysArea()
    {
        using var admin = app.AdminClient();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/cities", NewCity("hattingen", "45525"))).StatusCode);

        using var updated = await admin.PutAsJsonAsync("/api/v1/cities/hattingen", NewCity("ignored", "45525, 45527"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["45525", "45527"], (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serviceArea").EnumerateArray().Select(p => p.GetString()));

        var errors = await ErrorsAsync(await admin.PutAsJsonAsync("/api/v1/cities/hattingen", NewCity("ignored", "45525, 44135")));
        Assert.Contains("44135 (Dortmund)", errors.GetProperty("serviceArea")[0].GetString());
        Assert.Equal(2, await app.Database.ScalarAsync<long>("SELECT count(*) FROM city_postal_codes p JOIN cities c ON c.id = p.city_id WHERE c.slug = 'hattingen'"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/cities/nowhere", NewCity("x", "45525"))).StatusCode);

        // The return's km allowance: 50 until set, then kept when a later update leaves it out; absurd values are refused.
        Assert.Equal(50, await app.Database.ScalarAsync<int>("SELECT return_km_allowance FROM cities WHERE slug = 'hattingen'"));
        var withAllowance = new Dictionary<string, object?>(JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(NewCity("ignored", "45525")))!)
        {
            ["returnKmAllowance"] = 80,
        };
        using (var set = await admin.PutAsJsonAsync("/api/v1/cities/hattingen", withAllowance))
            Assert.Equal(80, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("returnKmAllowance").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/cities/hattingen", NewCity("ignored", "45525"))).StatusCode);
        Assert.Equal(80, await app.Database.ScalarAsync<int>("SELECT return_km_allowance FROM cities WHERE slug = 'hattingen'"));
        withAllowance["returnKmAllowance"] = 5000;
        Assert.True((await ErrorsAsync(await admin.PutAsJsonAsync("/api/v1/cities/hattingen", withAllowance))).TryGetProperty("returnKmAllowance", out _));
    }

    [Fact]
    public async Task Criteria_TurnGreenOneByOne_ThenTheGateOpens_AndEveryMoveIsAudited()
    {
        using var admin = app.AdminClient();
        // Witten starts over in onboarding: it keeps its priced workshop, windows and jockeys on shift, and loses what the seed
        // attested, its fleet, its completed test run and the record of its way through the gate.
        const string witten = "(SELECT id FROM cities WHERE slug = 'witten')";
        await app.Database.ExecuteAsync("UPDATE cities SET status = 'Onboarding', minimum_replacement_cars = 2 WHERE slug = 'witten'");
        await app.Database.ExecuteAsync($"DELETE FROM expansion_attestations WHERE tenant_id = {witten}");
        await app.Database.ExecuteAsync($"DELETE FROM replacement_cars WHERE tenant_id = {witten}");
        await app.Database.ExecuteAsync($"UPDATE bookings SET status = 'Cancelled' WHERE is_test AND tenant_id = {witten}");
        await app.Database.ExecuteAsync($"DELETE FROM audit_log WHERE city_id = {witten}");
        async Task<Dictionary<string, bool>> MetAsync() =>
            (await admin.GetFromJsonAsync<JsonElement>("/api/v1/cities/witten/readiness")).GetProperty("criteria").EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("met").GetBoolean());

        var met = await MetAsync();
        Assert.True(met[AssessReadiness.Keys.Workshop]);
        Assert.True(met[AssessReadiness.Keys.Slots]);
        Assert.False(met[AssessReadiness.Keys.WorkshopTrained]);

        await app.InCityAsync("witten", async (services, db) =>
        {
            var workshop = await db.PartnerWorkshops.FirstAsync();
            db.ExpansionAttestations.Add(ExpansionAttestation.Create(AttestationKind.WorkshopTraining, workshop.Id, new DateOnly(2026, 11, 2), "Petra Schulung", null, app.Admin.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        Assert.True((await MetAsync())[AssessReadiness.Keys.WorkshopTrained]);

        var city = (await app.Database.CreateContext().Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten")).ToTenantInfo();
        for (var i = 0; i < 3; i++)
        {
            var jockey = await app.Database.AddPersonAsync($"jockey-{i}-{Guid.NewGuid():N}@test.example");
            await app.Database.GrantAsync(city, jockey, MembershipRole.Jockey);
            Assert.False((await MetAsync())[AssessReadiness.Keys.Jockeys]);
            await app.InCityAsync("witten", async (_, db) =>
            {
                db.ExpansionAttestations.Add(ExpansionAttestation.Create(AttestationKind.JockeyTraining, jockey.Id, new DateOnly(2026, 11, 3), "Petra Schulung", null, app.Admin.Id, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            });
        }
        Assert.True((await MetAsync())[AssessReadiness.Keys.Jockeys]);

        await app.InCityAsync("witten", async (_, db) =>
        {
            db.ReplacementCars.Add(ReplacementCar.Add("EN-EW 1", "VW Polo", DateTimeOffset.UtcNow));
            db.ReplacementCars.Add(ReplacementCar.Add("EN-EW 2", "VW Polo", DateTimeOffset.UtcNow));
            var broken = ReplacementCar.Add("EN-EW 3", "Opel Corsa", DateTimeOffset.UtcNow);
            broken.SetStatus(ReplacementCarStatus.Maintenance);
            db.ReplacementCars.Add(broken);
            db.ExpansionAttestations.Add(ExpansionAttestation.Create(AttestationKind.Marketing, null, new DateOnly(2026, 11, 10), null, "Plakate am Bahnhof, Anzeige im Stadtanzeiger", app.Admin.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        met = await MetAsync();
        Assert.True(met[AssessReadiness.Keys.ReplacementCars]);
        Assert.True(met[AssessReadiness.Keys.Marketing]);

        // A test booking made while onboarding, which went all the way.
        Guid bookingId = default;
        await app.InCityAsync("witten", async (services, _) =>
        {
            var quote = (await services.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
                new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
            var slot = (await services.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId)).Last();
            bookingId = (await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slot.Id,
                new("Test Kunde", "test-booking@booking.test", "02302 1"), new("Ruhrstraße 1", "58454", "Witten"), "EN-TB 1"), $"test-{Guid.NewGuid():N}", null)).Value.Id;
        });
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT is_test FROM bookings WHERE id = @p0", bookingId));
        Assert.False((await MetAsync())[AssessReadiness.Keys.TestBooking]);
        // The admin closes the dry run from the city page: not while unpaid, then once paid, with a note.
        using var cityPage = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));
        async Task<HttpResponseMessage> CompleteAsync(string note) => await cityPage.SubmitAsync("/staedte/witten",
            new Dictionary<string, string> { ["TestNote"] = note }, $"/staedte/witten?handler=CompleteTestRun&bookingId={bookingId}");
        using (var unpaid = await CompleteAsync("Abholung und Rückgabe ohne Befund"))
            Assert.Equal(HttpStatusCode.Conflict, unpaid.StatusCode);   // a state that does not allow it, not bad input
        await app.InCityAsync("witten", async (_, db) =>
        {
            (await db.Bookings.SingleAsync(b => b.Id == bookingId)).Confirm(DateTimeOffset.UtcNow);   // paid: the payment journey has its own tests
            await db.SaveChangesAsync();
        });
        using (var noNote = await CompleteAsync(""))
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.False((await MetAsync())[AssessReadiness.Keys.TestBooking]);
        using (var completed = await CompleteAsync("Abholung und Rückgabe ohne Befund"))
            Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal("Completed", await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", bookingId));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'TestRunCompleted'"));
        met = await MetAsync();
        Assert.All(met, c => Assert.True(c.Value, c.Key));

        using var straightToLive = await admin.PostAsJsonAsync("/api/v1/cities/witten/status", new { status = "Live", reason = "zu früh" });
        Assert.Equal(HttpStatusCode.Conflict, straightToLive.StatusCode);
        using var shortReason = await admin.PostAsJsonAsync("/api/v1/cities/witten/status", new { status = "Pilot", reason = "ok" });
        Assert.Equal(HttpStatusCode.BadRequest, shortReason.StatusCode);
        using var pilot = await admin.PostAsJsonAsync("/api/v1/cities/witten/status", new { status = "Pilot", reason = "Alle Kriterien erfüllt" });
        Assert.Equal(HttpStatusCode.OK, pilot.StatusCode);
        Assert.Equal("Pilot", (await pilot.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var paused = await admin.PostAsJsonAsync("/api/v1/cities/witten/status", new { status = "Paused" });   // the contract: { status }
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        var audited = new List<string>();
        await using (var db = app.Database.CreateContext())
            audited = await db.AuditLog.Where(a => a.Action == Platform.Audit.AuditAction.CityStatusChanged && a.CityId == city.Id)
                .OrderBy(a => a.Id).Select(a => a.Detail!).ToListAsync();
        Assert.Equal(["Onboarding → Pilot: Alle Kriterien erfüllt", "Pilot → Paused: ohne Angabe eines Grundes"], audited);

        // Back from a pause needs the criteria again: one car goes to the workshop.
        await app.Database.ExecuteAsync("UPDATE replacement_cars SET status = 'Maintenance' WHERE license_plate = 'EN-EW 1'");
        using var back = await admin.PostAsJsonAsync("/api/v1/cities/witten/status", new { status = "Pilot", reason = "weiter" });
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Equal([AssessReadiness.Keys.ReplacementCars],
            (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unmet").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task CityPages_CreateACity_ShowItsCriteria_AndRefuseGoingLiveNamingWhatIsMissing()
    {
        using var admin = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));
        var fields = new Dictionary<string, string>
        {
            ["NewSlug"] = "recklinghausen",
            ["Name"] = "Recklinghausen",
            ["ServiceArea"] = "45657-45665",
            ["TimeZone"] = "Europe/Berlin",
            ["ConciergeFee"] = "29.00",
            ["PilotDailyBookingCap"] = "5",
            ["FreeCancellationHours"] = "24",
            ["LateCancellationFee"] = "15.00",
            ["MinimumReplacementCars"] = "2",
        };
        using var invalid = await admin.SubmitAsync("/staedte/neu", new Dictionary<string, string>(fields) { ["ServiceArea"] = "58452" }, "/staedte/neu?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("58452 (Witten)", await invalid.Content.ReadAsStringAsync());

        using var created = await admin.SubmitAsync("/staedte/neu", fields, "/staedte/neu?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/staedte/recklinghausen", created.Headers.Location!.ToString());
        var page = await admin.GetStringAsync("/staedte/recklinghausen");
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(page, "data-met=\"false\""));
        Assert.Contains("45657", page);

        using var withoutWhy = await admin.SubmitAsync("/staedte/recklinghausen", new Dictionary<string, string> { ["Target"] = "Pilot", ["Reason"] = "" },
            "/staedte/recklinghausen?handler=Status");
        Assert.Equal(HttpStatusCode.BadRequest, withoutWhy.StatusCode);   // the page asks why
        using var refused = await admin.SubmitAsync("/staedte/recklinghausen", new Dictionary<string, string> { ["Target"] = "Pilot", ["Reason"] = "Start" },
            "/staedte/recklinghausen?handler=Status");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        foreach (var key in new[] { AssessReadiness.Keys.Workshop, AssessReadiness.Keys.Jockeys, AssessReadiness.Keys.TestBooking })
            Assert.Contains($"data-unmet=\"{key}\"", body);
        Assert.Equal("Onboarding", await app.Database.ScalarAsync<string>("SELECT status FROM cities WHERE slug = 'recklinghausen'"));
    }

    [Fact]
    public async Task CityPage_AttestsAndKeepsTheFleet_AndTheCriteriaFollow()
    {
        using var api = app.AdminClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/cities", NewCity("castrop", "44575-44581"))).StatusCode);
        using var admin = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));
        async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields) =>
            await admin.SubmitAsync("/staedte/castrop", fields, $"/staedte/castrop?handler={handler}");
        async Task<bool> MetAsync(string key) =>
            (await api.GetFromJsonAsync<JsonElement>("/api/v1/cities/castrop/readiness")).GetProperty("criteria").EnumerateArray()
            .Single(c => c.GetProperty("key").GetString() == key).GetProperty("met").GetBoolean();

        using var noNote = await PostAsync("Attest", new() { ["Kind"] = "Marketing", ["AttestedDate"] = "2026-11-20", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        using var marketing = await PostAsync("Attest", new() { ["Kind"] = "Marketing", ["AttestedDate"] = "2026-11-20", ["Note"] = "Flyer in der Altstadt" });
        Assert.Equal(HttpStatusCode.Redirect, marketing.StatusCode);
        Assert.True(await MetAsync(AssessReadiness.Keys.Marketing));

        using var strangerWorkshop = await PostAsync("Attest", new() { ["Kind"] = "WorkshopTraining", ["SubjectId"] = Guid.NewGuid().ToString(), ["AttestedDate"] = "2026-11-20", ["Trainer"] = "Petra" });
        Assert.Equal(HttpStatusCode.BadRequest, strangerWorkshop.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("AddCar", new() { ["CarPlate"] = "CAS-AW 1", ["CarModel"] = "VW Polo" })).StatusCode);
        Assert.False(await MetAsync(AssessReadiness.Keys.ReplacementCars));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("AddCar", new() { ["CarPlate"] = "CAS-AW 1", ["CarModel"] = "VW Polo" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("AddCar", new() { ["CarPlate"] = "kein kennzeichen", ["CarModel"] = "VW Polo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("AddCar", new() { ["CarPlate"] = "CAS-AW 2", ["CarModel"] = "Opel Corsa" })).StatusCode);
        Assert.True(await MetAsync(AssessReadiness.Keys.ReplacementCars));
        Assert.Contains("data-car=\"CAS-AW 2\"", await admin.GetStringAsync("/staedte/castrop"));
    }

    [Fact]
    public async Task Api_IsForPlatformAdminsOnly()
    {
        var someone = await app.Database.AddPersonAsync($"nobody-{Guid.NewGuid():N}@test.example");
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, someone, secondFactor: true));
        using var response = await client.PostAsJsonAsync("/api/v1/cities", NewCity("gelsenkirchen", "45879"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM cities WHERE slug = 'gelsenkirchen'"));
    }
}
