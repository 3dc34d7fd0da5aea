using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

using static Autowartung.Tenant.Web.Tests.Concierge.ProtocolRequests;

namespace Autowartung.Tenant.Web.Tests.Concierge;

/// <summary>
/// The jockey's half of an order through the API: photos, the pickup protocol with the customer's signature,
/// the car's steps at the workshop, the return errand and the return protocol compared with the pickup; its
/// PDFs read back with poppler from the customer's email. Everything else that may not happen is refused.
/// </summary>
public sealed class ProtocolTests(ConciergeApp app) : IClassFixture<ConciergeApp>
{
    [Fact]
    public async Task AnOrder_GoesFromPickupToReturn_WithProtocols_PdfsAndTheComparison()
    {
        var (lea, booking, customer) = await app.PickupDueAsync();
        using var leas = app.As(lea);

        var photos = await RequiredPhotosAsync(leas, booking.Id, "pickup", 800, 600);
        var damagePhoto = await UploadAsync(leas, booking.Id, "pickup", "damage", Jpeg(400, 300));
        var pickup = Protocol(12_345, 80, photos, [new("FrontLeft", 0.2, 0.15, "Kratzer an der Stoßstange, ca. 5 cm", damagePhoto)]);
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup", pickup))
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(BookingStatus.PickedUp, await app.StatusAsync(booking.Id));

        // A second submit changes nothing.
        using (var again = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup", pickup))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM handover_protocols WHERE booking_id = @p0", booking.Id));

        // The customer reads it, and gets its PDF by email with the km and the damage in it.
        using var customers = app.As(customer);
        var shown = await customers.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}/protocols/pickup");
        Assert.Equal((12_345, 6), (shown.GetProperty("odometerKm").GetInt32(), shown.GetProperty("photos").GetArrayLength()));
        var mail = Assert.Single(await Maildev.MatchingAsync(booking.Contact.Email, m => m.Subject.Contains("wurde abgeholt", StringComparison.Ordinal), seconds: 30));
        var text = Poppler.Text(await Maildev.AttachmentBytesAsync(mail, $"Abholprotokoll-{booking.Number}.pdf"));
        Assert.Contains("12.345 km", text);
        Assert.Contains("Kratzer an der Stoßstange", text);
        var links = (await customers.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}")).GetProperty("protocols");
        Assert.Equal($"/api/v1/bookings/{booking.Id}/protocols/pickup.pdf", Assert.Single(links.EnumerateArray()).GetProperty("pdfUrl").GetString());
        var jockeyView = await leas.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}");   // the jockey sees the booking too
        Assert.Equal("PickedUp", jockeyView.GetProperty("status").GetString());
        var pdf = await customers.GetAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup.pdf");
        Assert.Equal(("application/pdf", "%PDF"), (pdf.Content.Headers.ContentType?.MediaType, Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4])));

        // At the workshop: the jockey hands over, the staff work; each step only once, and only by whom it is for.
        var staff = await app.Database.AddPersonAsync($"werkstatt-{Guid.NewGuid():N}@protocols.test");
        var workshopName = await app.Database.ScalarAsync<string>("SELECT name FROM partner_workshops WHERE id = @p0", booking.WorkshopId);
        await app.Database.GrantAsync(app.Witten, staff, MembershipRole.WorkshopStaff, workshopName);
        using var staffs = app.As(staff);
        Assert.Equal(HttpStatusCode.NotFound, (await customers.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "AtWorkshop" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffs.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "AtWorkshop" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "AtWorkshop" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "AtWorkshop" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staffs.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "ReadyForReturn" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffs.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "InService" })).StatusCode);
        using (var ready = await staffs.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/transitions", new { to = "ReadyForReturn" }))
            Assert.Equal("ReadyForReturn", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(3, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'BookingMoved' AND detail LIKE @p0", $"booking {booking.Id:N}%"));

        // The return errand: the first free window from the customer's wish on, a jockey, and the customer told with a link.
        await app.Database.ExecuteAsync("UPDATE bookings SET return_from_utc = now() + interval '1 hour' WHERE id = @p0", booking.Id);
        await app.AssignAsync();
        Assert.Equal(BookingStatus.ReturnAssigned, await app.StatusAsync(booking.Id));
        var back = await app.Database.ScalarAsync<DateTime>("SELECT start_utc FROM jockey_tasks WHERE booking_id = @p0 AND kind = 'Return' AND status = 'Assigned'", booking.Id);
        Assert.True(back >= DateTime.UtcNow.AddMinutes(59));
        var told = Assert.Single(await Maildev.MatchingAsync(booking.Contact.Email, m => m.Subject.Contains("bringt Ihr Auto zurück", StringComparison.Ordinal)));
        Assert.Contains($"/meine-buchungen/{booking.Id}/rueckgabe", told.Text);

        // As the city's only test booking, its return protocol is what expansion criterion 7 waits for.
        await app.Database.ExecuteAsync("UPDATE bookings SET is_test = (id = @p0)", booking.Id);
        Assert.False(await TestRunDoneAsync());

        // The return: 80 km more, less fuel, and a new damage on the other side: all three flagged.
        var returnPhotos = await RequiredPhotosAsync(leas, booking.Id, "return", 800, 600);
        var returned = Protocol(12_425, 40, returnPhotos,
            [new("FrontLeft", 0.22, 0.16, "Kratzer an der Stoßstange, ca. 5 cm", null), new("RearRight", 0.8, 0.9, "Delle in der Heckklappe", null)]);
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/return", returned))
        {
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
            var body = await recorded.Content.ReadFromJsonAsync<JsonElement>();
            var comparison = body.GetProperty("comparison");
            Assert.Equal((80, true, true, 1), (comparison.GetProperty("kmDriven").GetInt32(), comparison.GetProperty("overAllowance").GetBoolean(),
                comparison.GetProperty("fuelLower").GetBoolean(), comparison.GetProperty("newDamages").GetInt32()));
            Assert.Equal([false, true], body.GetProperty("damages").EnumerateArray().Select(d => d.GetProperty("isNew").GetBoolean()));
        }
        Assert.Equal(BookingStatus.Completed, await app.StatusAsync(booking.Id));   // nothing was left to pay
        Assert.True(await TestRunDoneAsync());
        var flags = System.Text.RegularExpressions.Regex.Match(await staffs.GetStringAsync("/workshop/buchungen"),
            $"data-booking=\"{booking.Id}\">(.*?)</article>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;   // staff see how it came back
        Assert.Contains("80 km gefahren (erlaubt: 50 km) – zu viel", flags);
        Assert.Contains("1 neue(r) Schaden/Schäden seit der Abholung", flags);
        var returnMail = Assert.Single(await Maildev.MatchingAsync(booking.Contact.Email, m => m.Subject.Contains("ist zurück", StringComparison.Ordinal), seconds: 30));
        var returnText = Poppler.Text(await Maildev.AttachmentBytesAsync(returnMail, $"Rueckgabeprotokoll-{booking.Number}.pdf"));
        Assert.Contains("Mehr als die erlaubten 50 km gefahren", returnText);
        Assert.Contains("NEU", returnText);
    }

    [Fact]
    public async Task ACustomerWhoBookedInEnglish_GetsTheProtocolAndItsEmailInEnglish()
    {
        var refused = await app.InCityAsync(async services =>
        {
            var quote = (await services.GetRequiredService<Platform.Quotes.CreateQuote>().RunAsync(new Platform.Quotes.CreateQuote.Request(
                new Platform.Vehicles.VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
            var slot = (await services.GetRequiredService<Platform.Scheduling.FindSlots>().RunAsync(quote.WorkshopId))[0];
            return await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slot.Id,
                new("Karla Kundin", "k@booking.test", "02302 1234"), new("Ruhrstraße 1", "58454", "Witten"), "EN-JT 3", Language: "fr"), $"lang-{Guid.NewGuid():N}", null);
        });
        Assert.Contains("language", refused.Failure!.Errors.Keys);

        var (lea, booking, _) = await app.PickupDueAsync();
        await app.Database.ExecuteAsync("UPDATE bookings SET language = 'en', license_plate = 'EN-EN 1' WHERE id = @p0", booking.Id);   // a car of its own: its km do not meet the others'
        using var leas = app.As(lea);
        var photos = await RequiredPhotosAsync(leas, booking.Id, "pickup", 300, 200);
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup",
                   Protocol(31_000, 50, photos, [new("RearLeft", 0.2, 0.9, "Scratch on the bumper", null)])))
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var mail = Assert.Single(await Maildev.MatchingAsync(booking.Contact.Email, m => m.Subject.Contains("has been picked up", StringComparison.Ordinal), seconds: 30));
        Assert.Contains("Hello Karla Kundin", mail.Text);
        var text = Poppler.Text(await Maildev.AttachmentBytesAsync(mail, $"Pickup-record-{booking.Number}.pdf"));
        Assert.Contains("Handover record", text);
        Assert.Contains("Registration certificate", text);
        Assert.Contains("Rear left", text);
        Assert.DoesNotContain("Fahrzeugschein", text);
    }

    [Fact]
    public async Task Photos_AreStoredUprightWithoutMetadata_OncePerKey_AndOnlyForTheBookingsParties()
    {
        var (lea, booking, customer) = await app.PickupDueAsync();
        using var leas = app.As(lea);
        var withGps = ExifJpeg.With(Jpeg(400, 200), orientation: 6);
        Assert.Contains("Exif", Encoding.ASCII.GetString(withGps));

        var first = await UploadAsync(leas, booking.Id, "pickup", "front", withGps, key: "photo-front-0001");
        var second = await UploadAsync(leas, booking.Id, "pickup", "front", withGps, key: "photo-front-0001");
        Assert.Equal(first, second);
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM protocol_photos WHERE booking_id = @p0", booking.Id));

        using var customers = app.As(customer);
        var stored = await customers.GetByteArrayAsync($"/api/v1/bookings/{booking.Id}/photos/{first}");
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stored));
        using (var image = SKBitmap.Decode(stored)) Assert.Equal((200, 400), (image.Width, image.Height));   // turned upright

        // Nobody else: a stranger, a customer of another booking, and the blob's own address without a key.
        var stranger = await app.Database.AddPersonAsync($"fremd-{Guid.NewGuid():N}@protocols.test");
        await app.Database.GrantAsync(app.Witten, stranger, MembershipRole.Customer);
        using var strangers = app.As(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangers.GetAsync($"/api/v1/bookings/{booking.Id}/photos/{first}")).StatusCode);
        var other = await app.ConfirmedBookingAsync(slotIndex: 3);
        Assert.Equal(HttpStatusCode.NotFound, (await customers.GetAsync($"/api/v1/bookings/{other.Id}/photos/{first}")).StatusCode);
        using var inDortmund = app.Factory.ClientWithCookie("dortmund.autowartung.localhost", Sessions.Cookie(app.Factory.Services, lea));
        Assert.Equal(HttpStatusCode.NotFound, (await inDortmund.GetAsync($"/api/v1/bookings/{booking.Id}/photos/{first}")).StatusCode);   // another city
        var address = ProtocolFiles.Photo(booking.Id, ProtocolKind.Pickup, first);
        using var anonymous = new HttpClient();
        var direct = await anonymous.GetAsync($"http://127.0.0.1:{new Uri(Azurite.ConnectionString.Split("BlobEndpoint=")[1].TrimEnd(';')).Port}/devstoreaccount1/city-{app.Witten.Id:N}/{address}");
        Assert.True(direct.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"Azurite answered {direct.StatusCode}");
    }

    [Fact]
    public async Task BadUploadsAndProtocols_AreRefused_AndLeaveNothing()
    {
        var (lea, booking, customer) = await app.PickupDueAsync();
        using var leas = app.As(lea);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await UploadStatusAsync(leas, booking.Id, "front", new byte[Platform.Storage.Photos.MaxBytes + 1]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await UploadStatusAsync(leas, booking.Id, "front", Encoding.UTF8.GetBytes("kein Foto, nur Text")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await UploadStatusAsync(leas, booking.Id, "front", ImageBomb.Png(30_000, 30_000)));
        Assert.Equal(HttpStatusCode.BadRequest, await UploadStatusAsync(leas, booking.Id, "roof", Jpeg(100, 100)));
        using var customers = app.As(customer);
        Assert.Equal(HttpStatusCode.NotFound, await UploadStatusAsync(customers, booking.Id, "front", Jpeg(100, 100)));
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM protocol_photos WHERE booking_id = @p0", booking.Id));

        var photos = new List<Guid>();
        foreach (var slot in RequiredSlots[..4]) photos.Add(await UploadAsync(leas, booking.Id, "pickup", slot, Jpeg(300, 200)));
        var errors = await ProtocolErrorsAsync(leas, booking.Id, Protocol(-5, 120, photos, []) with { SignaturePng = "data:image/png;base64,bm9wZQ==" });
        Assert.Superset(new HashSet<string> { "odometerKm", "fuelPercent", "photoIds", "signaturePng" }, errors.ToHashSet());
        Assert.Contains("Tacho", string.Join(' ', (await ProtocolProblemAsync(leas, booking.Id, Protocol(100, 50, photos, [])))["photoIds"]));

        // Below what an earlier return of the same car (a plate of this test's own) recorded.
        photos.Add(await UploadAsync(leas, booking.Id, "pickup", "odometer", Jpeg(300, 200)));
        var earlier = await app.ConfirmedBookingAsync(slotIndex: 5);
        await app.Database.ExecuteAsync("UPDATE bookings SET license_plate = 'EN-KM 9' WHERE id IN (@p0, @p1)", booking.Id, earlier.Id);
        await app.Database.ExecuteAsync(
            """
            INSERT INTO handover_protocols (tenant_id, id, booking_id, kind, odometer_km, fuel_percent, keys, documents, damages, signed_by, signature_path, recorded_by, recorded_at)
            SELECT b.tenant_id, gen_random_uuid(), b.id, 'Return', 50000, 50, 1, '{}', '[]', 'Früher', 'x', @p1, now() - interval '30 days'
            FROM bookings b WHERE b.id = @p0
            """, earlier.Id, lea.Id);
        Assert.Contains("odometerKm", await ProtocolErrorsAsync(leas, booking.Id, Protocol(40_000, 50, photos, [])));

        // Another jockey of the city, and the customer, do not find the errand.
        var mo = await app.Database.AddPersonAsync($"mo-{Guid.NewGuid():N}@protocols.test");
        await app.Database.GrantAsync(app.Witten, mo, MembershipRole.Jockey);
        using var mos = app.As(mo);
        Assert.Equal(HttpStatusCode.NotFound, (await mos.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup", Protocol(60_000, 50, photos, []))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customers.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup", Protocol(60_000, 50, photos, []))).StatusCode);
        // The return protocol is not due yet.
        Assert.Equal(HttpStatusCode.Conflict, (await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/return", Protocol(60_000, 50, photos, []))).StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM handover_protocols WHERE booking_id = @p0", booking.Id));
        Assert.Equal(BookingStatus.PickupAssigned, await app.StatusAsync(booking.Id));
    }

    [Fact]
    public async Task ThePagesMoveTheCar_AndTheCustomerPicksAnotherReturnWindow_WhichMovesItsPlaces()
    {
        var (lea, booking, customer) = await app.PickupDueAsync();
        using var leas = app.As(lea);
        var photos = await RequiredPhotosAsync(leas, booking.Id, "pickup", 300, 200);
        await app.Database.ExecuteAsync("UPDATE jockey_tasks SET date = (now() AT TIME ZONE 'Europe/Berlin')::date WHERE booking_id = @p0", booking.Id);   // the day shows today and tomorrow
        Assert.Contains("/jockey/protokoll/" + booking.Id + "/abholung", await leas.GetStringAsync("/jockey"));
        Assert.Contains("data-testid=\"odometer\"", await leas.GetStringAsync($"/jockey/protokoll/{booking.Id}/abholung"));
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup", Protocol(1_000, 60, photos, [])))
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Contains("data-testid=\"not-due\"", await leas.GetStringAsync($"/jockey/protokoll/{booking.Id}/abholung"));

        // The jockey's day offers the handover at the workshop; the workshop's list the next steps.
        Assert.Contains("data-testid=\"hand-over\"", await leas.GetStringAsync("/jockey"));
        using (var handedOver = await leas.SubmitAsync("/jockey", new Dictionary<string, string> { ["bookingId"] = booking.Id.ToString() }, "/jockey?handler=HandOver"))
            Assert.Equal(HttpStatusCode.Redirect, handedOver.StatusCode);
        Assert.Equal(BookingStatus.AtWorkshop, await app.StatusAsync(booking.Id));
        var staff = await app.Database.AddPersonAsync($"werkstatt-{Guid.NewGuid():N}@protocols.test");
        await app.Database.GrantAsync(app.Witten, staff, MembershipRole.WorkshopStaff,
            await app.Database.ScalarAsync<string>("SELECT name FROM partner_workshops WHERE id = @p0", booking.WorkshopId));
        using var staffs = app.As(staff);
        foreach (var to in new[] { "InService", "ReadyForReturn" })
            using (var moved = await staffs.SubmitAsync("/workshop/buchungen", new Dictionary<string, string> { ["to"] = to }, $"/workshop/buchungen?handler=Move&id={booking.Id}"))
                Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        using (var wrong = await staffs.SubmitAsync("/workshop/buchungen", new Dictionary<string, string> { ["to"] = "InService" }, $"/workshop/buchungen?handler=Move&id={booking.Id}"))
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);

        // The return is planned; the customer moves it to another free window: the places move with it.
        await app.AssignAsync();
        Assert.Equal(BookingStatus.ReturnAssigned, await app.StatusAsync(booking.Id));
        using var customers = app.As(customer);
        var page = await customers.GetStringAsync($"/meine-buchungen/{booking.Id}/rueckgabe");
        var windows = System.Text.RegularExpressions.Regex.Matches(page, "name=\"SlotId\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(windows.Count > 1, page);
        var chosen = windows[^1];
        var before = await app.Database.ScalarAsync<Guid>("SELECT window_id FROM jockey_tasks WHERE booking_id = @p0 AND kind = 'Return'", booking.Id);
        var beforeDate = await app.Database.ScalarAsync<DateOnly>("SELECT date FROM jockey_tasks WHERE booking_id = @p0 AND kind = 'Return'", booking.Id);
        var takenBefore = await app.Database.ScalarAsync<int>("SELECT taken FROM slot_counters WHERE window_id = @p0 AND date = @p1", before, beforeDate);
        using (var moved = await customers.SubmitAsync($"/meine-buchungen/{booking.Id}/rueckgabe", new Dictionary<string, string> { ["SlotId"] = chosen }))
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(takenBefore - 1, await app.Database.ScalarAsync<int>("SELECT taken FROM slot_counters WHERE window_id = @p0 AND date = @p1", before, beforeDate));
        Assert.Equal(chosen.Split('_')[0], (await app.Database.ScalarAsync<Guid>("SELECT window_id FROM jockey_tasks WHERE booking_id = @p0 AND kind = 'Return'", booking.Id)).ToString("N"));
        Assert.Equal(BookingStatus.ReadyForReturn, await app.StatusAsync(booking.Id));
        await app.AssignAsync();
        Assert.Equal(BookingStatus.ReturnAssigned, await app.StatusAsync(booking.Id));

        // Nobody else moves it.
        var stranger = await app.Database.AddPersonAsync($"fremd-{Guid.NewGuid():N}@protocols.test");
        using var strangers = app.As(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangers.GetAsync($"/meine-buchungen/{booking.Id}/rueckgabe")).StatusCode);
    }

    private Task<bool> TestRunDoneAsync() => app.InCityAsync(async services =>
        (await services.GetRequiredService<Platform.Expansion.AssessReadiness>().RunAsync()).Single(c => c.Key == Platform.Expansion.AssessReadiness.Keys.TestBooking).Met);
}
