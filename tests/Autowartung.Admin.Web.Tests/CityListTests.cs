using System.Net;
using System.Text.RegularExpressions;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Admin.Web.Tests;

public sealed class AdminApp : AppFixture<Program>
{
    public PlatformUser Admin { get; private set; } = null!;

    public PlatformUser Customer { get; private set; } = null!;

    public CityTenantInfo Witten { get; private set; } = null!;

    /// <summary>A client signed in as the platform admin, with a second factor.</summary>
    public HttpClient AdminClient() => Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(Factory.Services, Admin, secondFactor: true));

    protected override async Task SeedAsync()
    {
        Admin = await Database.AddPersonAsync("admin@test.example", platformAdmin: true);
        Customer = await Database.AddPersonAsync("kunde@test.example");
        Witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452", "58453", "58454"], "Werkstatt A");
        await Database.GrantAsync(Witten, Customer, MembershipRole.Customer);
        await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"], "Werkstatt B", "Werkstatt C");
        await Database.AddCityAsync("bochum", "Bochum", CityStatus.Onboarding, ["44787"]);
    }
}

public sealed partial class CityListTests(AdminApp app) : IClassFixture<AdminApp>
{
    private static string Row(string body, string slug) =>
        RowPattern().Matches(body).Select(m => m.Value).Single(row => row.Contains($"data-city=\"{slug}\""));

    [Fact]
    public async Task Index_ListsEveryCity_WithStatusAreaAndWorkshops()
    {
        using var client = app.AdminClient();

        using var response = await client.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var witten = Row(body, "witten");
        Assert.Contains("Pilotbetrieb", witten);
        Assert.Contains("<td>3</td>", witten);
        Assert.Contains("<td>1</td>", witten);
        var dortmund = Row(body, "dortmund");
        Assert.Contains("In Betrieb", dortmund);
        Assert.Contains("<td>2</td>", dortmund);
        var bochum = Row(body, "bochum");
        Assert.Contains("Im Aufbau", bochum);
        Assert.Contains("<td>0</td>", bochum);
        Assert.Contains("http://bochum.autowartung.localhost:8080/", bochum);
    }

    [Fact]
    public async Task Index_IsSortedByName()
    {
        using var client = app.AdminClient();

        var body = await client.GetStringAsync("/");

        var order = RowPattern().Matches(body).Select(m => Regex.Match(m.Value, "data-city=\"([a-z]+)\"").Groups[1].Value).ToList();
        Assert.Equal(["bochum", "dortmund", "witten"], order);
    }

    [GeneratedRegex("<tr data-city=.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
