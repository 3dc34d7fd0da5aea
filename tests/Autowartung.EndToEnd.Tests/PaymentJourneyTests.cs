using Autowartung.Testing;
using Microsoft.Playwright;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// Booking and paying in Chromium, through the local stack's Stripe emulator: the confirmation page,
/// the email with its calendar entry, and the customer cancelling again from "Meine Buchungen" (which
/// also gives the demo city its place back).
/// </summary>
[Collection(BookingJourneys.Name)]
public sealed class PaymentJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Visitor_BooksAndPaysWithTheTestCard_GetsConfirmationAndCalendarEntry_ThenCancelsForAFullRefund()
    {
        var email = $"zahlung-{Guid.NewGuid():N}@journey.test";
        var page = await chromium.NewPhonePageAsync();
        await Journeys.HoldAsync(page, "Paula Zahler", email, "02302 777777", "Bergerstraße 3", "EN-PZ 7", lastSlot: true);   // far ahead: cancelling stays free
        var total = (await page.GetByTestId("booking-total").InnerTextAsync()).Replace('\u00A0', ' ').Trim();

        // Stripe's hosted checkout (the emulator's): the test card pays.
        await page.GetByTestId("pay").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/c/pay/cs_test_", StringComparison.Ordinal), Chromium.Committed);
        Assert.Contains(total, (await page.Locator("body").InnerTextAsync()).Replace('\u00A0', ' '));
        await page.GetByTestId("method-pm_card_visa").CheckAsync();
        await page.GetByTestId("pay").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/buchen/bestaetigt", StringComparison.Ordinal), Chromium.Committed);
        await page.GetByTestId("booking-confirmed").WaitForAsync();
        Assert.Equal("Vielen Dank, Ihre Buchung ist bestätigt", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("EN-PZ 7", await page.GetByTestId("held-slot").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "autowartung-booking-paid.png"), FullPage = true });

        // The jockey's assignment may follow within seconds, in an email of its own.
        var mail = Assert.Single(await Maildev.MatchingAsync(email, m => m.Subject.EndsWith(" bestätigt", StringComparison.Ordinal) || m.Subject.Contains(" bestätigt:", StringComparison.Ordinal)));
        Assert.Matches(@"^Buchung AW-[0-9A-Z]{4}-[0-9A-Z]{4} bestätigt", mail.Subject);
        var ics = await Maildev.AttachmentAsync(mail, "abholung.ics");
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains("SUMMARY:Abholung Ihres Opel Corsa", ics);

        // Later, the customer signs in by email link and cancels: inside the free window, all money back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Buchungen" }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ohne Passwort per E-Mail-Link" }).ClickAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link schicken" }).ClickAsync();
        await page.GetByTestId("link-sent").WaitForAsync();
        var linkMail = Assert.Single(await Maildev.MatchingAsync(email, m => m.Subject == "Ihr Anmeldelink"));
        await page.GotoAsync(Maildev.Link(linkMail, Ingress.Url("id").ToString().TrimEnd('/')).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Jetzt anmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/meine-buchungen", StringComparison.Ordinal), Chromium.Committed);

        await page.GetByTestId("cancel").First.ClickAsync();
        Assert.Contains(total, (await page.GetByTestId("refund-amount").InnerTextAsync()).Replace('\u00A0', ' '));
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await page.GetByTestId("cancelled-notice").WaitForAsync();
        Assert.Contains(total, (await page.GetByTestId("refund").First.InnerTextAsync()).Replace('\u00A0', ' '));
        await page.Context.CloseAsync();
    }
}
