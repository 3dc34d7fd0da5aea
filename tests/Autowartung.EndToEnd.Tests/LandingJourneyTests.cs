using System.Net;
using Autowartung.Testing;
using Microsoft.Playwright;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// The running stack as a visitor meets it: Chromium through the nginx ingress on the city's own host
/// name, against the demo data of `./dev.sh up`.
/// </summary>
public sealed class LandingJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Witten_ThroughTheIngress_ShowsWittensLandingPage()
    {
        var page = await chromium.NewPhonePageAsync();

        var response = await page.GotoAsync(Ingress.Url("witten").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("Witten · Autowartung", await page.TitleAsync());
        Assert.Contains("Ihre Wartung in Witten", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("58452", await page.Locator("main").InnerTextAsync());
        Assert.Equal(3, await page.Locator("a.door").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dortmund_ThroughTheIngress_ShowsDortmund_AndNothingOfWitten()
    {
        var page = await chromium.NewPhonePageAsync();

        await page.GotoAsync(Ingress.Url("dortmund").ToString());

        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Ihre Wartung in Dortmund", main);
        Assert.Contains("Werkstatt am Phoenixsee", main);
        Assert.DoesNotContain("Witten", main);
        Assert.DoesNotContain("58452", main);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownCity_ThroughTheIngress_IsAPlainNotFoundPage()
    {
        var page = await chromium.NewPhonePageAsync();

        var response = await page.GotoAsync(Ingress.Url("atlantis").ToString());

        Assert.Equal(404, response!.Status);
        Assert.Equal("Seite nicht gefunden", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("atlantis", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CustomerDoor_LeadsToTheSignInPageOfTheIdentityService_ForWitten()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url("witten").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Kunde" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(Ingress.Url("id", "/anmelden").ToString(), StringComparison.Ordinal), Chromium.Committed);

        Assert.Equal("Anmelden", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("für Witten im Bereich Kunde", await page.GetByTestId("sign-in-context").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Zurück" }).ClickAsync();
        await page.WaitForURLAsync(Ingress.Url("witten").ToString(), Chromium.Committed);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Apex_ListsTheCities_AndLeadsToOne()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url(null).ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Dortmund" }).ClickAsync();

        await page.WaitForURLAsync(Ingress.Url("dortmund").ToString(), Chromium.Committed);
        Assert.Contains("Dortmund", await page.Locator("h1").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task English_IsOneTapAway_AndStays()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url("witten").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync(Ingress.Url("witten").ToString(), Chromium.Committed);

        Assert.Contains("How it works", await page.Locator("main").InnerTextAsync());
        // The text is what counts, not every last file: on a busy machine the load event once took over 30 s.
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("How it works", await page.Locator("main").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}

/// <summary>What a script (curl, a monitor) sees through the ingress, without a browser.</summary>
public sealed class IngressTests
{
    [Fact]
    public async Task Witten_AnswersWithItsLandingPage()
    {
        using var client = Ingress.CreateClient();

        using var response = await client.GetAsync(Ingress.Url("witten"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Witten", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("admin")]
    [InlineData("id")]
    [InlineData("witten")]
    [InlineData("dortmund")]
    public async Task EveryAppIsReady_BehindTheIngress(string? host)
    {
        using var client = Ingress.CreateClient();

        using var response = await client.GetAsync(Ingress.Url(host, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ForeignHost_GetsNothingFromTheIngress()
    {
        using var client = Ingress.CreateClient();

        using var response = await client.GetAsync($"http://example.com:{Ingress.Port}/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Ingress_PassesItsRequestIdOn_AsTheCorrelationId()
    {
        using var client = Ingress.CreateClient();

        using var response = await client.GetAsync(Ingress.Url("witten"));

        var correlationId = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", correlationId);   // nginx's $request_id
    }
}
