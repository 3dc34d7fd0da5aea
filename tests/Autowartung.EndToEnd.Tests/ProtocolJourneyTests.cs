using Autowartung.Testing;
using Microsoft.Playwright;
using Npgsql;
using SkiaSharp;

namespace Autowartung.EndToEnd.Tests;

/// <summary>
/// The jockey's pickup on a phone, in Chromium against the local stack: a booking paid with the emulator's
/// test card, the demo jockey's day, the photos, a damage tapped on the car's outline, the customer's signature
/// drawn on the screen; then the customer's timeline says "abgeholt" with the protocol's PDF. Once with the
/// network there all along, once cut off after the photos and back before the submit: nothing lost, one set.
/// The first books a replacement car along, and the jockey hands it out inside the protocol.
/// </summary>
[Collection(BookingJourneys.Name)]
public sealed class ProtocolJourneyTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] Slots = ["front", "rear", "left", "right", "odometer"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Jockey_RecordsThePickupOnAPhone_AndTheCustomersTimelineShowsItWithThePdf(bool deadSpot)
    {
        var plate = $"EN-PJ {Random.Shared.Next(1, 9999)}";
        var email = $"abholung-{Guid.NewGuid():N}@journey.test";
        var withCar = !deadSpot;
        var bookingId = await PaidBookingAsync(plate, email, withCar);
        await GiveTheDemoJockeyAsync(bookingId);

        var phone = await chromium.NewPhonePageAsync();
        var console = new List<string>();
        phone.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        phone.PageError += (_, error) => console.Add($"error: {error}");
        await phone.GotoAsync(Journeys.Url("witten", "/jockey"));
        await Journeys.SignInAsync(phone, DemoUsers.Jockey);
        await phone.WaitForURLAsync(url => url.Contains("/jockey", StringComparison.Ordinal), Chromium.Committed);
        var task = phone.Locator("[data-testid=task]", new() { HasText = plate });
        await task.GetByTestId("open-protocol").ClickAsync();
        await phone.GetByTestId("odometer").WaitForAsync();

        if (deadSpot)
        {
            await phone.Locator("#protocol[data-offline-ready=true]").WaitForAsync();   // the page's copy is on the phone
            await phone.Context.SetOfflineAsync(true);
        }
        foreach (var slot in Slots)
            await phone.GetByTestId($"photo-{slot}").Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = $"{slot}.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        if (deadSpot)
        {
            await Assertions.Expect(phone.GetByTestId("pending")).ToContainTextAsync("5 Foto(s) noch nicht gesendet");
            await phone.ReloadAsync();   // the page comes back from the phone, with its photos
            await Assertions.Expect(phone.GetByTestId("pending")).ToContainTextAsync("5 Foto(s) noch nicht gesendet");
        }
        await phone.GetByTestId("odometer").FillAsync("48210");
        await phone.GetByTestId("sketch").ClickAsync(new() { Position = new Position { X = 20, Y = 30 } });
        await phone.GetByTestId("damage-note").FillAsync("Kratzer an der Stoßstange vorne links");
        await phone.Locator("input[name=documents][value=RegistrationCertificate]").CheckAsync();
        var carKm = withCar ? await ScalarAsync<int>("SELECT coalesce(max(greatest(km_out, km_back)), 0) + 25 FROM car_loans") : 0;
        if (withCar)
        {
            await phone.GetByTestId("car-id").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await phone.GetByTestId("car-km").FillAsync(carKm.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await phone.GetByTestId("signature").ScrollIntoViewIfNeededAsync();
        var pad = await phone.GetByTestId("signature").BoundingBoxAsync() ?? throw new InvalidOperationException("No signature pad.");
        await phone.Mouse.MoveAsync(pad.X + 20, pad.Y + pad.Height * 0.7f);
        await phone.Mouse.DownAsync();
        foreach (var step in Enumerable.Range(1, 12)) await phone.Mouse.MoveAsync(pad.X + 20 + step * 20, pad.Y + pad.Height * (step % 2 == 0 ? 0.3f : 0.7f), new() { Steps = 4 });
        await phone.Mouse.UpAsync();
        if (deadSpot) await phone.Context.SetOfflineAsync(false);
        await phone.GetByTestId("submit").ClickAsync();
        try
        {
            await phone.WaitForURLAsync(url => url.Contains("protokoll=", StringComparison.Ordinal), new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var said = $"{await phone.GetByTestId("pending").InnerTextAsync()} | {await phone.GetByTestId("problems").InnerTextAsync()}";
            throw new InvalidOperationException($"The protocol was not sent: {said}\n{string.Join("\n", console)}");
        }
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"autowartung-pickup-{(deadSpot ? "offline" : "online")}.png"), FullPage = true });

        Assert.Equal("PickedUp", await ScalarAsync<string>("SELECT status FROM bookings WHERE id = $1", bookingId));
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM protocol_photos WHERE booking_id = $1 AND slot <> 'Damage'", bookingId));
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM protocol_photos WHERE booking_id = $1 AND protocol_id IS NOT NULL", bookingId));
        if (withCar) Assert.Equal(carKm, await ScalarAsync<int>("SELECT km_out FROM car_loans WHERE booking_id = $1 AND status = 'Out'", bookingId));

        // The customer's timeline, without a reload: "Auto abgeholt", and the PDF once the job has made it.
        var customer = await chromium.NewPhonePageAsync();
        await customer.GotoAsync(Journeys.Url("witten", "/meine-buchungen"));
        await customer.GetByRole(AriaRole.Link, new() { Name = "Ohne Passwort per E-Mail-Link" }).ClickAsync();
        await customer.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Link schicken" }).ClickAsync();
        var link = Assert.Single(await Maildev.MatchingAsync(email, m => m.Subject == "Ihr Anmeldelink"));
        await customer.GotoAsync(Maildev.Link(link, Ingress.Url("id").ToString().TrimEnd('/')).ToString());
        await customer.GetByRole(AriaRole.Button, new() { Name = "Jetzt anmelden" }).ClickAsync();
        await customer.WaitForURLAsync(url => url.Contains("/meine-buchungen", StringComparison.Ordinal), Chromium.Committed);
        var card = customer.Locator($"article[data-booking=\"{bookingId}\"]");
        await Assertions.Expect(card.Locator("[data-step=PickedUp]")).ToContainTextAsync("Auto abgeholt");
        await Assertions.Expect(card.GetByTestId("protocol-pickup")).ToBeVisibleAsync(new() { Timeout = 40_000 });
        var download = await customer.RunAndWaitForDownloadAsync(() => card.GetByTestId("protocol-pickup").ClickAsync());
        var pdf = Poppler.Text(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("48.210 km", pdf);
        if (withCar) Assert.Contains("Ersatzwagen", pdf);
        await phone.Context.CloseAsync();
        await customer.Context.CloseAsync();
        if (withCar) await BringTheCarBackAsync(bookingId);
    }

    /// <summary>The stack outlives the run: the car this journey handed out goes back to the fleet, with its days, so the next run finds it.</summary>
    private static async Task BringTheCarBackAsync(Guid bookingId)
    {
        await ExecuteAsync(
            """
            UPDATE fleet_day_counters c SET taken = c.taken - 1
            FROM car_loans l WHERE l.booking_id = $1 AND l.status = 'Out' AND c.tenant_id = l.tenant_id AND c.date BETWEEN l.first_day AND l.last_day AND c.taken > 0
            """, bookingId);
        await ExecuteAsync("UPDATE replacement_cars SET status = 'Available' WHERE id = (SELECT car_id FROM car_loans WHERE booking_id = $1 AND status = 'Out')", bookingId);
        await ExecuteAsync("UPDATE car_loans SET status = 'Back', km_back = km_out, fuel_back = fuel_out, back_at = now() WHERE booking_id = $1 AND status = 'Out'", bookingId);
    }

    /// <summary>A booking of a new customer, paid in the emulator's checkout with the test card.</summary>
    private async Task<Guid> PaidBookingAsync(string plate, string email, bool replacementCar)
    {
        var page = await chromium.NewPhonePageAsync();
        await Journeys.HoldAsync(page, "Karla Kundin", email, "02302 123456", "Ruhrstraße 12", plate, replacementCar: replacementCar);
        await Journeys.PayWithTestCardAsync(page);
        await page.GetByTestId("booking-confirmed").WaitForAsync();
        await page.Context.CloseAsync();
        return await ScalarAsync<Guid>("SELECT id FROM bookings WHERE license_plate = $1 ORDER BY created_at DESC LIMIT 1", plate);
    }

    /// <summary>
    /// The pickup goes to the demo jockey, today, once the jockeys' job has planned it: whoever the job chose, the
    /// demo's login is the one a person can sign in with. Their own errands at that time step aside for it.
    /// </summary>
    private static async Task GiveTheDemoJockeyAsync(Guid bookingId)
    {
        for (var i = 0; i < 60 && await ScalarAsync<long>("SELECT count(*) FROM jockey_tasks WHERE booking_id = $1 AND status = 'Assigned'", bookingId) == 0; i++)
            await Task.Delay(500);
        await ExecuteAsync(
            """
            WITH mine AS (SELECT id FROM users WHERE normalized_email = upper($2)),
                 task AS (SELECT start_utc, end_utc FROM jockey_tasks WHERE booking_id = $1 AND kind = 'Pickup')
            UPDATE jockey_tasks SET status = 'Unassigned', jockey_user_id = NULL
            WHERE jockey_user_id = (SELECT id FROM mine) AND status = 'Assigned' AND booking_id <> $1
              AND tstzrange(start_utc, end_utc) && (SELECT tstzrange(start_utc, end_utc) FROM task)
            """, bookingId, DemoUsers.Jockey.Email);
        await ExecuteAsync(
            """
            UPDATE jockey_tasks SET jockey_user_id = (SELECT id FROM users WHERE normalized_email = upper($2)),
                   date = (now() AT TIME ZONE 'Europe/Berlin')::date
            WHERE booking_id = $1 AND kind = 'Pickup' AND status = 'Assigned'
            """, bookingId, DemoUsers.Jockey.Email);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(1200, 900);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SlateGray);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(600, 450, 300, paint);
        }
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
