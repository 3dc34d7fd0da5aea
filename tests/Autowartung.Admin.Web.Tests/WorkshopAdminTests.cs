using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Expansion;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Tests;

/// <summary>Partner workshops kept from the admin app: made, changed, priced, given windows and staff, deactivated.</summary>
public sealed class WorkshopAdminTests(ExpansionApp app) : IClassFixture<ExpansionApp>
{
    private HttpClient Admin() => app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));

    private static Dictionary<string, string> Fields(string name, string served = "45879-45883") => new()
    {
        ["Name"] = name,
        ["Street"] = "Bahnhofstraße 1",
        ["PostalCode"] = "45879",
        ["Town"] = "Gelsenkirchen",
        ["ServedPostalCodes"] = served,
        ["Opens[0]"] = "07:30",
        ["Closes[0]"] = "18:00",
        ["Opens[1]"] = "07:30",
        ["Closes[1]"] = "18:00",
        ["Opens[2]"] = "07:30",
        ["Closes[2]"] = "18:00",
        ["Opens[3]"] = "07:30",
        ["Closes[3]"] = "18:00",
        ["Opens[4]"] = "07:30",
        ["Closes[4]"] = "16:00",
        ["Opens[5]"] = "08:00",
        ["Closes[5]"] = "12:00",
        ["Opens[6]"] = "",
        ["Closes[6]"] = "",
        ["WithCapacityTemplate"] = "true",
    };

    /// <summary>A fresh onboarding city with no workshop yet.</summary>
    private async Task<string> NewCityAsync(string slug, string area)
    {
        using var api = app.AdminClient();
        using var created = await api.PostAsJsonAsync("/api/v1/cities", new
        {
            slug,
            name = slug,
            serviceArea = area,
            timeZone = "Europe/Berlin",
            conciergeFeeCents = 2900,
            pilotDailyBookingCap = 5,
            freeCancellationHours = 24,
            lateCancellationFeeCents = 1500,
            minimumReplacementCars = 0,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return slug;
    }

    private async Task<Guid> CreateAsync(HttpClient admin, string slug, string name, string served)
    {
        using var created = await admin.SubmitAsync($"/staedte/{slug}/werkstaetten/neu", Fields(name, served), $"/staedte/{slug}/werkstaetten/neu?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.ToString().Split('/')[^1]);
    }

    private async Task<bool> WorkshopCriterionMetAsync(string slug)
    {
        using var api = app.AdminClient();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/v1/cities/{slug}/readiness")).GetProperty("criteria").EnumerateArray()
            .Single(c => c.GetProperty("key").GetString() == AssessReadiness.Keys.Workshop).GetProperty("met").GetBoolean();
    }

    [Fact]
    public async Task NewWorkshop_StartsWithTheTemplatePriceList_WindowsAndHours_AndMeetsTheWorkshopCriterion()
    {
        var slug = await NewCityAsync("gelsenkirchen", "45879-45899");
        const string area = "45879-45899";
        using var admin = Admin();
        Assert.False(await WorkshopCriterionMetAsync(slug));

        var form = await admin.GetStringAsync($"/staedte/{slug}/werkstaetten/neu");
        Assert.Contains("45879", form);   // the served PLZ start as the city's whole area
        var id = await CreateAsync(admin, slug, "Autohaus Buer", area);

        Assert.Equal(35L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM workshop_prices WHERE workshop_id = @p0", id));
        Assert.Equal(11L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM pickup_windows WHERE workshop_id = @p0", id));
        var hours = await app.Database.ScalarAsync<string>("SELECT opening_hours::text FROM partner_workshops WHERE id = @p0", id);
        var days = JsonDocument.Parse(hours!).RootElement.EnumerateArray().Select(d => d.GetProperty("Day").GetString()).ToList();
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], days);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'WorkshopCreated' AND detail = 'Autohaus Buer'"));
        Assert.True(await WorkshopCriterionMetAsync(slug));

        var page = await admin.GetStringAsync($"/staedte/{slug}");
        Assert.Contains("data-workshop=\"Autohaus Buer\"", page);

        // The city list shows readiness at a glance: the workshop and the fleet (its minimum is 0); a live city has passed the gate.
        var list = await admin.GetStringAsync("/");
        Assert.Matches($"data-city=\"{slug}\"(?:(?!</tr>).)*data-readiness=\"2\">2/7<", list.ReplaceLineEndings(" "));
        Assert.Matches("data-city=\"dortmund\"(?:(?!</tr>).)*data-readiness=\"\">–<", list.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task BadWorkshop_IsRefusedFieldByField_AndNothingIsWritten()
    {
        var slug = await NewCityAsync("herten", "45699-45701");
        const string area = "45699-45701";
        using var admin = Admin();
        var fields = Fields("Werkstatt Herten", served: "45699, 58452");
        fields["Opens[1]"] = "18:00";
        fields["Closes[1]"] = "07:00";
        fields["Street"] = "";
        using var refused = await admin.SubmitAsync($"/staedte/{slug}/werkstaetten/neu", fields, $"/staedte/{slug}/werkstaetten/neu?handler=Save");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Nicht im Gebiet der Stadt: 58452", body);
        Assert.Contains("Schluss nach der Öffnung", body);
        Assert.Contains("Bitte Straße und Hausnummer angeben.", body);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM partner_workshops w JOIN cities c ON c.id = w.tenant_id WHERE c.slug = @p0", slug));

        await CreateAsync(admin, slug, "Werkstatt Herten", area);
        using var twice = await admin.SubmitAsync($"/staedte/{slug}/werkstaetten/neu", Fields("Werkstatt Herten", "45699"), $"/staedte/{slug}/werkstaetten/neu?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("schon eine Werkstatt mit diesem Namen", await twice.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PriceList_BelongsToTheWorkshop_AndOneBadPriceChangesNothing()
    {
        var slug = await NewCityAsync("marl", "45768-45772");
        const string area = "45768-45772";
        using var admin = Admin();
        var id = await CreateAsync(admin, slug, "Werkstatt Marl", area);
        var page = $"/staedte/{slug}/werkstaetten/{id}";

        using var bad = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Prices[INSPECTION.Small]"] = "199.50",
            ["Prices[OIL_CHANGE.Small]"] = "-5",
            ["LabourRate"] = "98.00",
        }, $"{page}?handler=Prices");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(18900, await app.Database.ScalarAsync<int>("SELECT net_cents FROM workshop_prices WHERE workshop_id = @p0 AND item_code = 'INSPECTION' AND vehicle_class = 'Small'", id));

        using var good = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Prices[INSPECTION.Small]"] = "199.50",
            ["Prices[OIL_CHANGE.Small]"] = "89,00",
            ["LabourRate"] = "104.00",
        }, $"{page}?handler=Prices");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(19950, await app.Database.ScalarAsync<int>("SELECT net_cents FROM workshop_prices WHERE workshop_id = @p0 AND item_code = 'INSPECTION' AND vehicle_class = 'Small'", id));
        Assert.Equal(10400, await app.Database.ScalarAsync<int>("SELECT labour_rate_net_cents FROM partner_workshops WHERE id = @p0", id));
        // Only this workshop's copy changed; the other workshops keep the template's price.
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM workshop_prices WHERE workshop_id <> @p0 AND net_cents = 19950", id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'PricesChanged' AND detail = 'Werkstatt Marl: 2 Preis(e)'"));
    }

    [Fact]
    public async Task Windows_AreAddedAndChanged_WithTheWorkshopsOwnRules()
    {
        var slug = await NewCityAsync("dorsten", "46282-46286");
        const string area = "46282-46286";
        using var admin = Admin();
        var id = await CreateAsync(admin, slug, "Werkstatt Dorsten", area);
        var page = $"/staedte/{slug}/werkstaetten/{id}";

        using var backwards = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Day"] = "Sunday", ["Start"] = "12:00", ["End"] = "10:00", ["Capacity"] = "2" }, $"{page}?handler=AddWindow");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        using var added = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Day"] = "Sunday", ["Start"] = "10:00", ["End"] = "12:00", ["Capacity"] = "1" }, $"{page}?handler=AddWindow");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var window = await app.Database.ScalarAsync<Guid>("SELECT id FROM pickup_windows WHERE workshop_id = @p0 AND day = 'Sunday'", id);

        using var tooMany = await admin.SubmitAsync(page, new Dictionary<string, string> { ["WindowId"] = window.ToString(), ["Capacity"] = "51" }, $"{page}?handler=Capacity");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var closed = await admin.SubmitAsync(page, new Dictionary<string, string> { ["WindowId"] = window.ToString(), ["Capacity"] = "0" }, $"{page}?handler=Capacity");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<int>("SELECT capacity FROM pickup_windows WHERE id = @p0", window));
    }

    [Fact]
    public async Task Deactivating_TakesTheWorkshopOutOfTheCriteria_AndIsAudited()
    {
        var slug = await NewCityAsync("gladbeck", "45964-45968");
        const string area = "45964-45968";
        using var admin = Admin();
        var id = await CreateAsync(admin, slug, "Werkstatt Gladbeck", area);
        var page = $"/staedte/{slug}/werkstaetten/{id}";

        using var off = await admin.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Active&active=false");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT is_active FROM partner_workshops WHERE id = @p0", id));
        Assert.False(await WorkshopCriterionMetAsync(slug));
        Assert.Equal(35L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM workshop_prices WHERE workshop_id = @p0", id));   // kept

        using var on = await admin.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Active&active=true");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.True(await WorkshopCriterionMetAsync(slug));
        Assert.Equal(["WorkshopDeactivated", "WorkshopActivated"], await AuditActionsAsync("Werkstatt Gladbeck"));
    }

    private async Task<List<string>> AuditActionsAsync(string detail)
    {
        await using var db = app.Database.CreateContext();
        return (await db.AuditLog.Where(a => a.Detail == detail && a.Action != Platform.Audit.AuditAction.WorkshopCreated).OrderBy(a => a.Id)
            .Select(a => a.Action).ToListAsync()).Select(a => a.ToString()).ToList();
    }

    [Fact]
    public async Task AnotherCitysWorkshop_IsA404_ForEveryHandler_AndStaysUnchanged()
    {
        using var admin = Admin();
        var wittenWorkshop = await app.Database.ScalarAsync<Guid>(
            "SELECT w.id FROM partner_workshops w JOIN cities c ON c.id = w.tenant_id WHERE c.slug = 'witten' LIMIT 1");
        var ownPage = $"/staedte/witten/werkstaetten/{wittenWorkshop}";
        var foreign = $"/staedte/dortmund/werkstaetten/{wittenWorkshop}";

        using var get = await admin.GetAsync(foreign);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        foreach (var handler in new[] { "Active&active=false", "Prices", "AddWindow", "Save", "Invite" })
        {
            // The form comes from the workshop's own page; only the address names the other city.
            using var posted = await admin.SubmitAsync(ownPage, new Dictionary<string, string>
            {
                ["Prices[INSPECTION.Small]"] = "1.00",
                ["LabourRate"] = "1.00",
                ["Day"] = "Sunday",
                ["Start"] = "10:00",
                ["End"] = "11:00",
                ["Capacity"] = "1",
                ["StaffEmail"] = "fremd@test.example",
                ["Name"] = "Übernommen",
                ["Street"] = "Weg 1",
                ["PostalCode"] = "44135",
                ["Town"] = "Dortmund",
                ["ServedPostalCodes"] = "44135",
                ["Opens[0]"] = "08:00",
                ["Closes[0]"] = "17:00",
            }, $"{foreign}?handler={handler}");
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT is_active FROM partner_workshops WHERE id = @p0", wittenWorkshop));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM workshop_prices WHERE workshop_id = @p0 AND net_cents = 100", wittenWorkshop));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM invitations WHERE workshop_id = @p0", wittenWorkshop));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM partner_workshops WHERE name = 'Übernommen'"));
    }

    [Fact]
    public async Task StaffAreInvitedFromTheWorkshopPage_ForThatWorkshop()
    {
        var slug = await NewCityAsync("bottrop", "46236-46244");
        const string area = "46236-46244";
        using var admin = Admin();
        var id = await CreateAsync(admin, slug, "Werkstatt Bottrop", area);
        var page = $"/staedte/{slug}/werkstaetten/{id}";

        using var bad = await admin.SubmitAsync(page, new Dictionary<string, string> { ["StaffEmail"] = "kein-at" }, $"{page}?handler=Invite");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var email = $"meister-{Guid.NewGuid():N}@bottrop.test";
        using var invited = await admin.SubmitAsync(page, new Dictionary<string, string> { ["StaffEmail"] = email }, $"{page}?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal("WorkshopStaff", await app.Database.ScalarAsync<string>("SELECT role FROM invitations WHERE email = @p0 AND workshop_id = @p1", email, id));
        Assert.Contains(email, await admin.GetStringAsync(page));   // the page says the invitation went out
    }
}

/// <summary>The pages' forms post back to the page they are on, also where a page has a second route for "new".</summary>
public sealed class FormActionTests(ExpansionApp app) : IClassFixture<ExpansionApp>
{
    [Fact]
    public async Task CityAndWorkshopPages_PostToTheirOwnAddress()
    {
        using var admin = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));
        var workshop = await app.Database.ScalarAsync<Guid>(
            "SELECT w.id FROM partner_workshops w JOIN cities c ON c.id = w.tenant_id WHERE c.slug = 'witten' LIMIT 1");
        foreach (var page in new[] { "/staedte/witten", $"/staedte/witten/werkstaetten/{workshop}", "/staedte/neu", "/staedte/witten/werkstaetten/neu" })
        {
            var html = await admin.GetStringAsync(page);
            var actions = System.Text.RegularExpressions.Regex.Matches(html, "<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"")
                .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).Where(a => !a.StartsWith("/abmelden", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(actions);
            Assert.All(actions, action => Assert.StartsWith(page + "?", action));
        }
    }
}
