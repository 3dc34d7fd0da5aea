using Autowartung.Testing;
using Microsoft.Playwright;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// The booking journeys share the demo city's places (one demo jockey per window), so they run one
/// after another: in parallel they would, rightly, take each other's last place.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BookingJourneys
{
    public const string Name = "Booking journeys on the demo city";
}

/// <summary>The customer's way from the landing page to a held pickup slot, on a phone, in Chromium.</summary>
[Collection(BookingJourneys.Name)]
public sealed class BookingJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    /// <summary>German amounts carry a no-break space before the euro sign, as they should; compare them plainly.</summary>
    private static string Money(string text) => text.Replace('\u00A0', ' ').Trim();

    [Fact]
    public async Task Visitor_BooksAGolfInWitten_AsFarAsTheSummary_AndSeesTheHeldSlot()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url("witten").ToString());
        await page.GetByTestId("book-now").ClickAsync();

        await page.Locator("select[name=Model]").SelectOptionAsync("Volkswagen|Golf");
        await page.GetByLabel("Baujahr").FillAsync("2019");
        await page.Locator("select[name=Fuel]").SelectOptionAsync("Petrol");
        await page.GetByLabel("Kilometerstand (optional)").FillAsync("87000");
        await page.GetByLabel("Postleitzahl der Abholadresse").FillAsync("58452");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Leistungen" }).ClickAsync();

        Assert.Contains("Volkswagen Golf", await page.GetByTestId("vehicle").InnerTextAsync());
        await page.Locator("input[name=Codes][value=INSPECTION]").CheckAsync();
        await page.Locator("input[name=Codes][value=OIL_CHANGE]").CheckAsync();
        Assert.Equal("407,42 €", Money(await page.Locator("#total").InnerTextAsync()));   // 260,61 + 117,81 + 29,00, live in the page
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zum Termin" }).ClickAsync();

        Assert.Equal("407,42 €", Money(await page.GetByTestId("quote-total").InnerTextAsync()));
        await page.Locator("input[name=slot]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu Ihren Angaben" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("Erika Mustermann");
        await page.GetByLabel("E-Mail-Adresse").FillAsync($"erika-{Guid.NewGuid():N}@journey.test");
        await page.GetByLabel("Telefon").FillAsync("02302 123456");
        await page.GetByLabel("Straße und Hausnummer").FillAsync("Ruhrstraße 7");
        await page.GetByLabel("Ort").FillAsync("Witten");
        await page.GetByLabel("Kennzeichen").FillAsync("EN-EM 2019");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();

        Assert.Equal("Ihr Termin ist reserviert", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Uhr", await page.GetByTestId("held-slot").InnerTextAsync());
        Assert.Contains("EN-EM 2019", await page.GetByTestId("held-slot").InnerTextAsync());
        Assert.Equal("407,42 €", Money(await page.GetByTestId("booking-total").InnerTextAsync()));
        Assert.Contains("Wir halten den Termin für Sie bis", await page.GetByTestId("hold-notice").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "autowartung-booking-held.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PostalCodeOfDortmund_OnWitten_PointsTheVisitorToDortmund()
    {
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url("witten", "/buchen").ToString());

        await page.Locator("select[name=Model]").SelectOptionAsync("Opel|Corsa");
        await page.GetByLabel("Baujahr").FillAsync("2021");
        await page.Locator("select[name=Fuel]").SelectOptionAsync("Petrol");
        await page.GetByLabel("Postleitzahl der Abholadresse").FillAsync("44135");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Leistungen" }).ClickAsync();

        Assert.Contains("Dortmund", await page.GetByTestId("booking-problem").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Weiter zu Autowartung Dortmund" }).ClickAsync();
        await page.WaitForURLAsync(Ingress.Url("dortmund", "/buchen").ToString(), Chromium.Committed);
        await page.Context.CloseAsync();
    }
}

/// <summary>A signed-in customer books again with the car, address and contact the platform kept.</summary>
[Collection(BookingJourneys.Name)]
public sealed class RebookJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static async Task ReserveFirstSlotAsync(IPage page)
    {
        await page.Locator("input[name=slot]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu Ihren Angaben" }).ClickAsync();
    }

    [Fact]
    public async Task SignedInCustomer_RebooksFromMyBookings_WithTheSavedCarAndAddress()
    {
        var customer = DemoUsers.Customer;
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Ingress.Url("witten").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Kunde" }).ClickAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(customer.Email);
        await page.GetByLabel("Passwort").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync(Ingress.Url("witten").ToString(), Chromium.Committed);

        // A first booking, so there is something to rebook.
        await page.GetByTestId("book-now").ClickAsync();
        await page.Locator("select[name=Model]").SelectOptionAsync("Toyota|Yaris");
        await page.GetByLabel("Baujahr").FillAsync("2021");
        await page.Locator("select[name=Fuel]").SelectOptionAsync("Hybrid");
        await page.GetByLabel("Postleitzahl der Abholadresse").FillAsync("58453");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Leistungen" }).ClickAsync();
        await page.Locator("input[name=Codes][value=HU_AU]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zum Termin" }).ClickAsync();
        await ReserveFirstSlotAsync(page);
        Assert.Equal(customer.Email, await page.GetByLabel("E-Mail-Adresse").InputValueAsync());
        await page.GetByLabel("Name").FillAsync("Demo Kundin");
        await page.GetByLabel("Telefon").FillAsync("02302 55555");
        await page.GetByLabel("Straße und Hausnummer").FillAsync("Annenstraße 12");
        await page.GetByLabel("Ort").FillAsync("Witten");
        await page.GetByLabel("Kennzeichen").FillAsync("EN-DK 21");
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();
        Assert.Equal("Ihr Termin ist reserviert", await page.Locator("h1").InnerTextAsync());

        // Rebooking: a few taps, everything known is filled in.
        await page.GotoAsync(Ingress.Url("witten", "/meine-buchungen").ToString());
        // Its own card: the demo customer has other bookings too (the demo's pickup, other journeys').
        await page.Locator("article[data-booking]", new() { HasText = "EN-DK 21" }).First.GetByTestId("rebook").ClickAsync();
        Assert.Equal("Toyota|Yaris", await page.Locator("select[name=Model]").InputValueAsync());
        Assert.Equal("58453", await page.GetByLabel("Postleitzahl der Abholadresse").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Leistungen" }).ClickAsync();
        await page.Locator("input[name=Codes][value=INSPECTION]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zum Termin" }).ClickAsync();
        await ReserveFirstSlotAsync(page);
        Assert.Equal("Annenstraße 12", await page.GetByLabel("Straße und Hausnummer").InputValueAsync());
        Assert.Equal("EN-DK 21", await page.GetByLabel("Kennzeichen").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();

        Assert.Equal("Ihr Termin ist reserviert", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Toyota Yaris", await page.GetByTestId("held-slot").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
