using Autowartung.Testing;
using Microsoft.Playwright;

namespace Autowartung.EndToEnd.Tests;

/// <summary>Steps several journeys share.</summary>
internal static class Journeys
{
    public static string Url(string? host, string path = "/") => Ingress.Url(host, path).ToString();

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
