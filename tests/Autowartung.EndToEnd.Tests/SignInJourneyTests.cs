using Autowartung.Testing;
using Microsoft.Playwright;
using static Autowartung.EndToEnd.Tests.Journeys;

namespace Autowartung.EndToEnd.Tests;

/// <summary>Single sign-on as people use it: the identity service, the shared session, the areas of a city.</summary>
public sealed class SignInJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Customer_SignsInFromWitten_LandsBackOnWitten_AndIsTheSamePersonOnDortmund()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("witten"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Kunde" }).ClickAsync();
        Assert.Contains("für Witten im Bereich Kunde", await page.GetByTestId("sign-in-context").InnerTextAsync());
        await SignInAsync(page, DemoUsers.Customer);

        await page.WaitForURLAsync(Url("witten"), Chromium.Committed);
        Assert.Equal(DemoUsers.Customer.Email, await page.GetByTestId("signed-in-as").InnerTextAsync());
        await page.GotoAsync(Url("dortmund"));
        Assert.Equal(DemoUsers.Customer.Email, await page.GetByTestId("signed-in-as").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WittenJockey_GetsWittensJockeyArea_ButNothingFromDortmunds()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("witten", "/jockey"));
        Assert.Contains("für Witten im Bereich Fahrer", await page.GetByTestId("sign-in-context").InnerTextAsync());
        await SignInAsync(page, DemoUsers.Jockey);
        await page.WaitForURLAsync(Url("witten", "/jockey"), Chromium.Committed);
        Assert.Equal("Fahrerbereich Witten", await page.GetByTestId("area-title").InnerTextAsync());

        var dortmund = await page.GotoAsync(Url("dortmund", "/jockey"));

        Assert.Equal(404, dortmund!.Status);
        Assert.Equal("Seite nicht gefunden", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(404, (await page.GotoAsync(Url("witten", "/workshop")))!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WorkshopStaff_SignsInWithACode_AndSeesTheirOwnWorkshop()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("witten", "/workshop"));

        await SignInAsync(page, DemoUsers.WorkshopStaff);

        await page.WaitForURLAsync(Url("witten", "/workshop"), Chromium.Committed);
        Assert.Equal("Kfz-Meisterbetrieb Helenenberg", await page.GetByTestId("area-title").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PlatformAdmin_SignsInWithTotp_AndReachesTheAdminApp()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("admin"));
        await page.WaitForURLAsync(url => url.StartsWith(Url("id", "/anmelden"), StringComparison.Ordinal), Chromium.Committed);

        await SignInAsync(page, DemoUsers.PlatformAdmin);

        await page.WaitForURLAsync(Url("admin"), Chromium.Committed);
        Assert.Contains("Pilotbetrieb", await page.Locator("tr[data-city=witten]").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_CannotOpenTheAdminApp()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("witten"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Kunde" }).ClickAsync();
        await SignInAsync(page, DemoUsers.Customer);
        await page.WaitForURLAsync(Url("witten"), Chromium.Committed);

        var admin = await page.GotoAsync(Url("admin"));

        Assert.Equal(404, admin!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_OnOneApp_SignsOutEverywhere()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url("witten"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Kunde" }).ClickAsync();
        await SignInAsync(page, DemoUsers.Customer);
        await page.WaitForURLAsync(Url("witten"), Chromium.Committed);
        await page.GotoAsync(Url("dortmund"));

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(Url("dortmund"), Chromium.Committed);
        await page.Locator("h1").WaitForAsync();   // the new page is there before counting what it lacks

        Assert.Equal(0, await page.GetByTestId("signed-in-as").CountAsync());
        await page.GotoAsync(Url("witten"));
        Assert.Equal(0, await page.GetByTestId("signed-in-as").CountAsync());
        await page.GotoAsync(Url("id", "/konto"));
        Assert.StartsWith(Url("id", "/anmelden"), page.Url);
        await page.Context.CloseAsync();
    }
}
