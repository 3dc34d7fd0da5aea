using System.Text.Json;
using Autowartung.Testing;
using Microsoft.Playwright;
using static Autowartung.EndToEnd.Tests.Journeys;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// axe-core (from infra/devservers, installed by ./dev.sh) checks the main pages on a phone's viewport (390×844), in
/// German and in English: the landings, every step of the booking journey, sign-in, a customer's bookings, the admin's
/// cities, a city and its bookings, and the error pages. No page may have a violation of any rule axe runs by default
/// (WCAG 2.x A and AA and axe's best practices).
/// </summary>
[Collection(BookingJourneys.Name)]
public sealed class AccessibilityTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string AxeScript = Path.Combine(Repository.Root.FullName, "infra", "devservers", "node_modules", "axe-core", "axe.min.js");

    /// <summary>A phone page with axe-core in every document it opens (as an init script, which the pages' CSP does not block).</summary>
    private async Task<IPage> PhonePageAsync(string locale)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: ./dev.sh up installs it from infra/devservers.");
        var page = await chromium.NewPhonePageAsync(locale);
        await page.Context.AddInitScriptAsync(scriptPath: AxeScript);
        return page;
    }

    /// <summary>The violations on the page as it is now, one line each: rule, impact, the elements.</summary>
    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document)).violations.map(v =>
                `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return violations.EnumerateArray().Select(v => $"{new Uri(page.Url).Host}{new Uri(page.Url).PathAndQuery}: {v.GetString()}").ToList();
    }

    private static async Task CheckAsync(IPage page, string url, List<string> found)
    {
        await page.GotoAsync(url);
        found.AddRange(await ViolationsAsync(page));
    }

    private static void AssertNone(List<string> found) => Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-GB")]
    public async Task PublicPagesAndTheBookingJourney_HaveNoViolations(string locale)
    {
        var page = await PhonePageAsync(locale);
        var found = new List<string>();
        await CheckAsync(page, Url(null), found);
        await CheckAsync(page, Url(null, "/warteliste?plz=10115"), found);
        await CheckAsync(page, Url("dortmund"), found);
        await CheckAsync(page, Url("witten"), found);
        await CheckAsync(page, Url("witten", "/gibt-es-nicht"), found);
        await CheckAsync(page, Url("id", "/anmelden"), found);

        // The journey, step by step, with the names of the fields (their labels are in the page's language).
        await CheckAsync(page, Url("witten", "/buchen"), found);
        await page.Locator("select[name=Model]").SelectOptionAsync("Volkswagen|Golf");
        await page.Locator("input[name=Year]").FillAsync("2019");
        await page.Locator("select[name=Fuel]").SelectOptionAsync("Petrol");
        await page.Locator("input[name=Plz]").FillAsync("58452");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("input[name=Codes][value=INSPECTION]").CheckAsync();
        found.AddRange(await ViolationsAsync(page));
        await page.Locator("#services button[type=submit]").ClickAsync();
        await page.Locator("input[name=slot]").First.CheckAsync();
        found.AddRange(await ViolationsAsync(page));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/buchen/kontakt", StringComparison.Ordinal), Chromium.Committed);
        found.AddRange(await ViolationsAsync(page));

        // The step list shows every step whole on the phone: none is cut off or scrolled out of sight.
        var steps = page.Locator("ol.progress li");
        Assert.Equal(5, await steps.CountAsync());
        foreach (var step in await steps.AllAsync())
        {
            var box = (await step.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the step {await step.InnerTextAsync()} lies outside the screen");
            Assert.True(await step.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"the step {await step.InnerTextAsync()} is cut off");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"autowartung-contact-{locale}.png"), FullPage = true });
        await page.Context.CloseAsync();
        AssertNone(found);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-GB")]
    public async Task CustomersBookings_HaveNoViolations(string locale)
    {
        var page = await PhonePageAsync(locale);
        var found = new List<string>();
        await page.GotoAsync(Url("witten", "/meine-buchungen"));
        await SignInByFieldsAsync(page, DemoUsers.Customer);
        await page.WaitForURLAsync(Url("witten", "/meine-buchungen"), Chromium.Committed);
        found.AddRange(await ViolationsAsync(page));
        await page.Context.CloseAsync();
        AssertNone(found);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-GB")]
    public async Task AdminPages_HaveNoViolations(string locale)
    {
        var page = await PhonePageAsync(locale);
        var found = new List<string>();
        await page.GotoAsync(Url("admin"));
        await SignInByFieldsAsync(page, DemoUsers.PlatformAdmin);
        await page.WaitForURLAsync(Url("admin"), Chromium.Committed);
        found.AddRange(await ViolationsAsync(page));
        await CheckAsync(page, Url("admin", "/staedte/witten"), found);
        await CheckAsync(page, Url("admin", "/staedte/dortmund/buchungen"), found);
        await page.Locator("table.ledger tbody a").First.ClickAsync();
        await page.GetByTestId("booking-status").WaitForAsync();
        found.AddRange(await ViolationsAsync(page));
        await CheckAsync(page, Url("admin", "/kennzahlen"), found);
        await page.Context.CloseAsync();
        AssertNone(found);
    }

    /// <summary>Signs in through the fields' names, so the same steps work in either language.</summary>
    private static async Task SignInByFieldsAsync(IPage page, DemoUsers.Login login)
    {
        await page.Locator("input[type=email]").FillAsync(login.Email);
        await page.Locator("input[type=password]").FillAsync(login.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        if (login.TotpSecret is null) return;
        await page.WaitForURLAsync(url => url.Contains("/anmelden/zwei-faktor", StringComparison.Ordinal), Chromium.Committed);
        await page.Locator("input[name=Code]").FillAsync(Totp.Code(login.TotpSecret));
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}
