using System.Net;
using System.Text.RegularExpressions;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Waitlist;
using Autowartung.Testing;

namespace Autowartung.Admin.Web.Tests;

/// <summary>
/// The admin app with waitlist entries: in region 44, Bochum (onboarding) serves 44787 and Dortmund (live)
/// 44135; 10115 and 44791 are served by nobody; Witten (pilot) serves 58452. Unconfirmed entries are
/// mixed in everywhere, and 10117 has only unconfirmed ones.
/// </summary>
public sealed class WaitlistAdminApp : AppFixture<Program>
{
    public PlatformUser Admin { get; private set; } = null!;

    public PlatformUser Customer { get; private set; } = null!;

    public HttpClient AdminClient() => Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(Factory.Services, Admin, secondFactor: true));

    protected override async Task SeedAsync()
    {
        Admin = await Database.AddPersonAsync("admin@test.example", platformAdmin: true);
        Customer = await Database.AddPersonAsync("kunde@test.example");
        var witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452"]);
        await Database.GrantAsync(witten, Customer, MembershipRole.Customer);
        await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"]);
        await Database.AddCityAsync("bochum", "Bochum", CityStatus.Onboarding, ["44787"]);

        await using var db = Database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        foreach (var (code, confirmed, unconfirmed) in new[] { ("44787", 3, 1), ("44791", 1, 0), ("10115", 2, 2), ("10117", 0, 1), ("58452", 1, 0) })
        {
            for (var i = 0; i < confirmed + unconfirmed; i++)
            {
                var entry = WaitlistEntry.Create($"person{++n}@warteliste.example", PostalCode.Parse(code), now);
                if (i < confirmed) entry.Confirm(now);
                db.WaitlistEntries.Add(entry);
            }
        }
        await db.SaveChangesAsync();
    }
}

public sealed partial class WaitlistDemandTests(WaitlistAdminApp app) : IClassFixture<WaitlistAdminApp>
{
    private static IReadOnlyList<string> Rows(string body, string attribute) =>
        Regex.Matches(body, $"<tr {attribute}=\"([0-9]+)\">(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value + " | " + string.Join(" | ", Cells().Matches(m.Groups[2].Value).Select(c => Tags().Replace(c.Groups[1].Value, "").Trim())))
            .ToList();

    [Fact]
    public async Task Page_CountsConfirmedEntriesOnly_ByRegionAndByPostalCode_MostWantedFirst()
    {
        using var client = app.AdminClient();

        using var response = await client.GetAsync("/warteliste");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["44 | 44… | 4 | 2 | Bochum (Im Aufbau), Dortmund (In Betrieb)",
             "10 | 10… | 2 | 1 | ",
             "58 | 58… | 1 | 1 | Witten (Pilotbetrieb)"],
            Rows(body, "data-region"));
        Assert.Equal(
            ["44787 | 44787 | 3 | Bochum Im Aufbau",
             "10115 | 10115 | 2 | noch keine Stadt",
             "44791 | 44791 | 1 | noch keine Stadt",
             "58452 | 58452 | 1 | Witten Pilotbetrieb"],
            Rows(body, "data-postal-code").Select(r => Regex.Replace(r, @"\s+", " ")).ToList());
        Assert.Contains("7 bestätigte Einträge", body);
        Assert.DoesNotContain("10117", body);
        Assert.DoesNotContain("warteliste.example", body);
    }

    [Fact]
    public async Task Region_NarrowsThePostalCodesToThatRegion()
    {
        using var client = app.AdminClient();

        var body = await client.GetStringAsync("/warteliste?region=44");

        Assert.Equal(["44787", "44791"], Rows(body, "data-postal-code").Select(r => r.Split(" | ")[0]).ToList());
        Assert.Equal(3, Rows(body, "data-region").Count);
    }

    [Fact]
    public async Task StartPage_LinksToTheWaitlist()
    {
        using var client = app.AdminClient();

        var body = await client.GetStringAsync("/");

        Assert.Contains("href=\"/warteliste\"", body);
    }

    [Fact]
    public async Task Customer_GetsA404()
    {
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Customer, secondFactor: true));

        using var response = await client.GetAsync("/warteliste");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Leitregion", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cells();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
