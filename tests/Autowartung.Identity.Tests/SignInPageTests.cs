using System.Net;
using System.Text.RegularExpressions;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

public sealed class IdentityApp : AppFixture<Program>
{
    public const string AdminTotp = "AWTESTADMINSECRET234567ABCDEFGHI";

    public CityTenantInfo Witten { get; private set; } = null!;

    public PlatformUser Customer { get; private set; } = null!;

    public PlatformUser Admin { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        Witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452"], "Werkstatt Witten");
        await Database.AddCityAsync("bochum", "Bochum", CityStatus.Onboarding, ["44787"]);
        Customer = await Database.AddPersonAsync("kunde@identity.test");
        await Database.GrantAsync(Witten, Customer, MembershipRole.Customer);
        Admin = await Database.AddPersonAsync("admin@identity.test", platformAdmin: true, totpSecret: AdminTotp);
    }

    public HttpClient Client() => Factory.ClientFor("id.autowartung.localhost");
}

public sealed partial class SignInPageTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private HttpClient Client() => app.Factory.ClientFor("id.autowartung.localhost");

    private static string BackLink(string body) => BackLinkPattern().Match(body).Groups[1].Value;

    [Fact]
    public async Task Root_LeadsToTheSignInPage()
    {
        using var response = await Client().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/anmelden", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_FromWittensJockeyDoor_ShowsWittenAndTheArea()
    {
        var body = await Client().GetStringAsync("/anmelden?city=witten&area=fahrer&returnUrl=http%3A%2F%2Fwitten.autowartung.localhost%3A8080%2F");

        Assert.Contains("Sie melden sich für Witten im Bereich Fahrer an.", body);
        Assert.Contains("name=\"__RequestVerificationToken\"", body);
        Assert.Equal("http://witten.autowartung.localhost:8080/", BackLink(body));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://witten.autowartung.localhost.evil.example:8080/")]
    [InlineData("http://evil.example@witten.autowartung.localhost:8080/")]
    [InlineData("http://witten.autowartung.localhost:9999/")]
    [InlineData("https://witten.autowartung.localhost:8080/")]
    [InlineData("//evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_WithAForeignReturnUrl_IgnoresIt(string returnUrl)
    {
        var body = await Client().GetStringAsync($"/anmelden?city=witten&area=kunde&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal("http://witten.autowartung.localhost:8080/", BackLink(body));
        Assert.Contains("<input type=\"hidden\" name=\"returnUrl\">", body);   // Razor drops a null value
        Assert.DoesNotContain("href=\"https://evil", body);
        Assert.DoesNotContain("href=\"//evil", body);
    }

    [Theory]
    [InlineData("bochum")]     // in onboarding: not public yet
    [InlineData("nirgendwo")]  // no such city
    public async Task SignIn_ForACityThatIsNotPublic_ShowsNoCity(string city)
    {
        var body = await Client().GetStringAsync($"/anmelden?city={city}&area=kunde");

        Assert.DoesNotContain("Sie melden sich für", body);
        Assert.DoesNotContain("Bochum", body);
        Assert.Equal("http://autowartung.localhost:8080/", BackLink(body));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        using var response = await Client().PostAsync("/anmelden",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "kunde@example.com", ["Input.Password"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithAnInvalidEmail_ShowsTheFieldError()
    {
        using var client = Client();
        var page = await client.GetAsync("/anmelden?city=witten&area=kunde");
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/anmelden")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["city"] = "witten",
                ["area"] = "kunde",
                ["Input.Email"] = "keine-adresse",
                ["Input.Password"] = "geheim",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        using var response = await client.SendAsync(post);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Das ist keine gültige E-Mail-Adresse.", body);
        Assert.DoesNotContain("geheim", body);
    }

    [GeneratedRegex("<a href=\"([^\"]*)\" data-testid=\"back\">Zurück</a>")]
    private static partial Regex BackLinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
