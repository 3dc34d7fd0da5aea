using System.Text.RegularExpressions;
using Autowartung.Testing;
using Microsoft.Playwright;
using Npgsql;
using SkiaSharp;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// The order extension in Chromium against the local stack, at a phone's size: the demo workshop's staff
/// propose two items with photos for a paid car in service; the customer opens the emailed link, approves
/// one, declines the other and confirms; exactly the approved gross is charged on the emulator; and the
/// staff's dashboard, open all along, shows both outcomes without a reload.
/// </summary>
[Collection(BookingJourneys.Name)]
public sealed partial class ExtensionJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task StaffProposeTwoItems_TheCustomerApprovesOneOnThePhone_AndTheDashboardShowsBoth()
    {
        var plate = $"EN-EX {Random.Shared.Next(1, 9999)}";
        var email = $"erweiterung-{Guid.NewGuid():N}@journey.test";
        var bookingId = await PaidBookingInServiceAsync(plate, email);

        var staff = await chromium.NewPhonePageAsync();
        await staff.GotoAsync(Journeys.Url("witten", "/workshop"));
        await Journeys.SignInAsync(staff, DemoUsers.WorkshopStaff);
        await staff.WaitForURLAsync(url => url.EndsWith("/workshop", StringComparison.Ordinal), Chromium.Committed);
        await staff.Locator($"[data-order=\"{bookingId}\"]").GetByTestId("extension").ClickAsync();
        await staff.GetByTestId("item-title-0").FillAsync("Bremsbeläge vorne");
        await staff.GetByTestId("item-description-0").FillAsync("Nur noch 2 mm Belag, bitte erneuern.");
        await staff.GetByTestId("item-parts-0").FillAsync("80");
        await staff.GetByTestId("item-labour-0").FillAsync("49");
        await staff.GetByTestId("item-urgency-0").SelectOptionAsync("SafetyCritical");
        await staff.GetByTestId("item-photo-0").SetInputFilesAsync(new FilePayload { Name = "belag.jpg", MimeType = "image/jpeg", Buffer = Jpeg(SKColors.DarkRed) });
        await staff.GetByTestId("item-title-1").FillAsync("Wischerblätter");
        await staff.GetByTestId("item-description-1").FillAsync("Schlieren auf der Scheibe, kann warten.");
        await staff.GetByTestId("item-parts-1").FillAsync("21");
        await staff.GetByTestId("item-urgency-1").SelectOptionAsync("CanWait");
        await staff.GetByTestId("item-photo-1").SetInputFilesAsync(new FilePayload { Name = "wischer.jpg", MimeType = "image/jpeg", Buffer = Jpeg(SKColors.SteelBlue) });
        await staff.GetByTestId("save-draft").ClickAsync();
        await staff.GetByTestId("send").ClickAsync();
        await staff.GetByTestId("sent").WaitForAsync();
        await staff.GotoAsync(Journeys.Url("witten", "/workshop"));   // the dashboard stays open from here on
        await Assertions.Expect(staff.Locator("[data-column=AwaitingApproval]").Locator($"[data-order=\"{bookingId}\"]")).ToBeVisibleAsync();

        var mail = Assert.Single(await Maildev.MatchingAsync(email, m => m.Subject.Contains("zusätzliche Arbeiten", StringComparison.Ordinal), seconds: 30));
        var phone = await chromium.NewPhonePageAsync();
        await phone.GotoAsync(Maildev.Link(mail, Journeys.Url("witten", "/auftragserweiterung")).ToString());
        var brakes = phone.Locator("[data-item]", new() { HasText = "Bremsbeläge vorne" });
        var wipers = phone.Locator("[data-item]", new() { HasText = "Wischerblätter" });
        await Assertions.Expect(brakes.GetByTestId("urgency")).ToHaveTextAsync("sicherheitsrelevant");
        await Assertions.Expect(brakes.Locator("img")).ToHaveCountAsync(1);
        await brakes.GetByTestId("approve").CheckAsync();
        await wipers.GetByTestId("decline").CheckAsync();
        await Assertions.Expect(phone.GetByTestId("approved-total")).ToContainTextAsync("153,51");   // 129 € net with 19 % VAT
        await phone.GetByTestId("confirm").ClickAsync();
        await phone.GetByTestId("decided").WaitForAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "autowartung-extension-decided.png"), FullPage = true });

        // The emulator holds one charge of exactly the approved gross.
        Assert.Equal(15_351L, await ScalarAsync<long>("SELECT sum(amount_cents) FROM payments WHERE booking_id = $1 AND purpose = 'ExtraWork' AND status = 'Succeeded'", bookingId));
        var intent = await ScalarAsync<string>("SELECT payment_intent_id FROM payments WHERE booking_id = $1 AND purpose = 'ExtraWork'", bookingId);
        using (var stripe = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("AUTOWARTUNG_STRIPE_EMULATOR") ?? "http://127.0.0.1:12111") })
        {
            stripe.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY") ?? "sk_test_dev_autowartung_local_only");   // the dev default of infra/local/env.sh
            var body = await stripe.GetStringAsync($"/v1/payment_intents/{intent}");
            Assert.Matches(AmountReceived(), body);
        }

        // The dashboard, never reloaded, shows both outcomes once the decision is in.
        var order = staff.Locator("[data-column=InService]").Locator($"[data-order=\"{bookingId}\"]");
        await Assertions.Expect(order.Locator("[data-outcome=ApprovedAndPaid]")).ToContainTextAsync("Bremsbeläge vorne", new() { Timeout = 30_000 });
        await Assertions.Expect(order.Locator("[data-outcome=Declined]")).ToContainTextAsync("Wischerblätter");
        await staff.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [GeneratedRegex("\"amount_received\"\\s*:\\s*15351")]
    private static partial Regex AmountReceived();

    /// <summary>A booking of a new customer paid in the emulator's checkout, then taken into service at the demo workshop.</summary>
    private async Task<Guid> PaidBookingInServiceAsync(string plate, string email)
    {
        var page = await chromium.NewPhonePageAsync();
        await Journeys.HoldAsync(page, "Erika Erweiterung", email, "02302 654321", "Bahnhofstraße 3", plate);
        await Journeys.PayWithTestCardAsync(page);
        await page.GetByTestId("booking-confirmed").WaitForAsync();
        await page.Context.CloseAsync();
        var id = await ScalarAsync<Guid>("SELECT id FROM bookings WHERE license_plate = $1 ORDER BY created_at DESC LIMIT 1", plate);
        // The car's way to the workshop is the protocol journey's; here it is there and in service.
        await ExecuteAsync("UPDATE bookings SET status = 'InService' WHERE id = $1", id);
        return id;
    }

    private static byte[] Jpeg(SKColor color)
    {
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static NpgsqlDataSource Stack() => NpgsqlDataSource.Create(
        Environment.GetEnvironmentVariable("AUTOWARTUNG_STACK_PG") ?? "Host=127.0.0.1;Port=55432;Database=platform;Username=app;Password=app");

    private static async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var data = Stack();
        await using var command = data.CreateCommand(sql);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var data = Stack();
        await using var command = data.CreateCommand(sql);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync();
    }
}
