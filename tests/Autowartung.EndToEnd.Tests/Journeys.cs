using Autowartung.Testing;
using Microsoft.Playwright;

namespace Autowartung.EndToEnd.Tests;

/// <summary>Steps several journeys share.</summary>
internal static class Journeys
{
    public static string Url(string? host, string path = "/") => Ingress.Url(host, path).ToString();

    /// <summary>
    /// The booking journey in Witten up to the held slot, as a visitor: an Opel Corsa, HU/AU, the first free slot
    /// or the last (far ahead), the customer's details. Ends on the page that offers Stripe's checkout.
    /// </summary>
    public static async Task HoldAsync(IPage page, string name, string email, string phone, string street, string plate, bool lastSlot = false, bool replacementCar = false)
    {
        await page.GotoAsync(Ingress.Url("witten", "/buchen").ToString());
        await page.Locator("select[name=Model]").SelectOptionAsync("Opel|Corsa");
        await page.GetByLabel("Baujahr").FillAsync("2020");
        await page.Locator("select[name=Fuel]").SelectOptionAsync("Petrol");
        await page.GetByLabel("Postleitzahl der Abholadresse").FillAsync("58452");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu den Leistungen" }).ClickAsync();
        await page.Locator("input[name=Codes][value=HU_AU]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zum Termin" }).ClickAsync();
        var slots = page.Locator("input[name=slot]");
        await (lastSlot ? slots.Last : slots.First).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu Ihren Angaben" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Telefon").FillAsync(phone);
        await page.GetByLabel("Straße und Hausnummer").FillAsync(street);
        await page.GetByLabel("Ort").FillAsync("Witten");
        await page.GetByLabel("Kennzeichen").FillAsync(plate);
        if (replacementCar) await page.GetByTestId("replacement-car").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Termin reservieren" }).ClickAsync();
    }

    /// <summary>Stripe's hosted checkout (the emulator's), from the held booking's page: the test card pays.</summary>
    public static async Task PayWithTestCardAsync(IPage page)
    {
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/c/pay/cs_test_", StringComparison.Ordinal), Chromium.Committed);
        await page.GetByTestId("method-pm_card_visa").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();
    }

    /// <summary>The identity service's sign-in, with the second factor when the login has one.</summary>
    public static async Task SignInAsync(IPage page, DemoUsers.Login login)
    {
        await page.GetByLabel("E-Mail-Adresse").FillAsync(login.Email);
        await page.GetByLabel("Passwort").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        if (login.TotpSecret is not null)
        {
            await page.WaitForURLAsync(url => url.Contains("/anmelden/zwei-faktor", StringComparison.Ordinal), Chromium.Committed);
            await page.GetByLabel("Code").FillAsync(Totp.Code(login.TotpSecret));
            await page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }).ClickAsync();
        }
    }
}
