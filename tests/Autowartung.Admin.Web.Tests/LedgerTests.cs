using System.Net;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Admin.Web.Tests;

/// <summary>The demo cities with one booking in Witten, paid through the Stripe emulator and partly refunded.</summary>
public sealed class LedgerApp : AppFixture<Program>
{
    public PlatformUser Admin { get; private set; } = null!;

    public Guid BookingId { get; private set; }

    public HttpClient AdminClient() => Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(Factory.Services, Admin, secondFactor: true));

    protected override async Task SeedAsync()
    {
        Admin = await Database.AddPersonAsync("ledger-admin@test.example", platformAdmin: true);
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
    }

    /// <summary>Books, pays with the test card and cancels, through the app's own services (the admin app has them all).</summary>
    public async Task<Guid> PaidAndCancelledBookingAsync()
    {
        if (BookingId != Guid.Empty) return BookingId;
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var city = await services.GetRequiredService<PlatformDbContext>().Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");
        using var tenant = services.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo());

        var quote = (await services.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
            new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
        var slot = (await services.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId)).Last();
        var booking = (await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slot.Id,
            new("Lena Ledger", "lena-ledger@booking.test", "02302 1111"), new("Ruhrstraße 1", "58454", "Witten"), "EN-LL 1"), $"ledger-{Guid.NewGuid():N}", null)).Value;
        var checkout = (await services.GetRequiredService<StartCheckout>().RunAsync(booking.Id)).Value;

        using var stripe = Factory.Stripe.CreateClient(new() { BaseAddress = new Uri(StripeEmulatorFactory.PublicUrl), AllowAutoRedirect = false });
        using var paid = await stripe.PostAsync(checkout.Url!.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_method"] = "pm_card_visa" }));
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        await services.GetRequiredService<SyncPayment>().RunAsync(checkout.Payment!.Id);
        await services.GetRequiredService<CancelBooking>().RunAsync(booking.Id, CancelledBy.Staff, "Werkstatt geschlossen", null);
        return BookingId = booking.Id;
    }
}

public sealed class LedgerTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task BookingPage_ShowsEveryChargeAndRefund_WithTheirStripeIds()
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        var ids = await app.Database.ScalarAsync<string>(
            "SELECT checkout_session_id || ' ' || payment_intent_id || ' ' || charge_id FROM payments WHERE booking_id = @p0", bookingId);
        var refundId = await app.Database.ScalarAsync<string>("SELECT provider_refund_id FROM refunds WHERE booking_id = @p0", bookingId);
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync($"/staedte/witten/buchungen/{bookingId}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var id in ids!.Split(' ')) Assert.Contains(id, page);
        Assert.StartsWith("re_", refundId);
        Assert.Contains(refundId!, page);
        Assert.Contains("Succeeded", page);
        Assert.Contains("Werkstatt geschlossen", page);

        var list = await admin.GetStringAsync("/staedte/witten/buchungen");
        Assert.Contains($"/staedte/witten/buchungen/{bookingId}", list);
    }

    [Theory]
    [InlineData("de-DE", "Storniert", "Bezahlt")]
    [InlineData("en-GB", "Cancelled", "Paid")]
    public async Task BookingList_ShowsStatusesInTheReadersLanguage_AndPickupsInTheCitysTime(string language, string status, string payment)
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var start = TimeZoneInfo.ConvertTime(await app.Database.ScalarAsync<DateTime>("SELECT pickup_start_utc FROM bookings WHERE id = @p0", bookingId), zone);
        var end = TimeZoneInfo.ConvertTime(await app.Database.ScalarAsync<DateTime>("SELECT pickup_end_utc FROM bookings WHERE id = @p0", bookingId), zone);
        using var admin = app.AdminClient();
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var list = await admin.GetStringAsync("/staedte/witten/buchungen");

        var row = System.Text.RegularExpressions.Regex.Match(list, $"<tr data-booking=\"{bookingId}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        Assert.Contains($"<td data-testid=\"pickup\">{start.ToString("g", culture)}–{end:HH:mm}</td>", row);
        Assert.DoesNotContain("UTC", row);
        Assert.Contains($"<td data-status=\"Cancelled\">{status}</td>", row);
        Assert.Contains($"<td>{payment}</td>", row);

        var page = await admin.GetStringAsync($"/staedte/witten/buchungen/{bookingId}");
        Assert.Contains($"data-status=\"Cancelled\">{status}</span>", page);
        Assert.Contains($"{start:HH:mm}–{end:HH:mm}", page);
    }

    [Fact]
    public async Task BookingPage_ShowsItsProtocols_AndHowTheCarCameBack()
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        await app.Database.ExecuteAsync(
            """
            INSERT INTO handover_protocols (tenant_id, id, booking_id, kind, odometer_km, fuel_percent, keys, documents, damages, signed_by, signature_path, recorded_by, recorded_at)
            SELECT b.tenant_id, gen_random_uuid(), b.id, k.kind, k.km, k.fuel, 2, '{}', k.damages::jsonb, 'Karla Kundin', 'x', b.customer_user_id, now() - k.ago
            FROM bookings b, (VALUES ('Pickup', 10000, 80, '[{"Area":"Front","X":0.5,"Y":0.1,"Note":"Steinschlag","PhotoId":null}]', interval '2 days'),
                                     ('Return', 10120, 30, '[{"Area":"Front","X":0.52,"Y":0.1,"Note":"Steinschlag","PhotoId":null},{"Area":"Rear","X":0.5,"Y":0.95,"Note":"Delle im Heck","PhotoId":null}]', interval '1 hour'))
                 AS k(kind, km, fuel, damages, ago)
            WHERE b.id = @p0
            """, bookingId);
        using var admin = app.AdminClient();

        var page = await admin.GetStringAsync($"/staedte/witten/buchungen/{bookingId}");

        var flags = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"return-flags\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("120 km gefahren (erlaubt: 50 km) – zu viel", flags);
        Assert.Contains("Weniger Tank als bei der Abholung (80 %)", flags);
        Assert.Contains("Neuer Schaden: Delle im Heck", flags);
        Assert.DoesNotContain("Steinschlag", flags);   // recorded at pickup: not new
    }

    [Fact]
    public async Task FleetPage_ShowsWhichCarIsOutWithWhom_TheClashes_AndOnlyItsOwnCity()
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        var plate = await app.Database.ScalarAsync<string>("SELECT c.license_plate FROM replacement_cars c JOIN cities ci ON ci.id = c.tenant_id WHERE ci.slug = 'witten' ORDER BY 1 LIMIT 1");
        await app.Database.ExecuteAsync(
            """
            INSERT INTO car_loans (tenant_id, id, booking_id, first_day, last_day, status, car_id, km_out, fuel_out, out_at, clash_days, created_at)
            SELECT b.tenant_id, gen_random_uuid(), b.id, current_date - 1, current_date + 1, 'Out', c.id, 4711, 90, now() - interval '1 day', ARRAY[current_date + 1], now()
            FROM bookings b JOIN replacement_cars c ON c.tenant_id = b.tenant_id AND c.license_plate = @p1 WHERE b.id = @p0
            """, bookingId, plate!);
        using var admin = app.AdminClient();

        var page = await admin.GetStringAsync("/staedte/witten/flotte");

        var row = System.Text.RegularExpressions.Regex.Match(page, $"data-car=\"{plate}\"(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(Booking.NumberFor(bookingId), row);
        Assert.Contains("Lena Ledger", row);
        Assert.Contains("4.711 km", row);
        Assert.Contains($"data-clash=\"{bookingId}\"", page);
        var dortmund = await admin.GetStringAsync("/staedte/dortmund/flotte");
        Assert.DoesNotContain("Lena Ledger", dortmund);
        Assert.DoesNotContain(plate!, dortmund);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/staedte/nirgendwo/flotte")).StatusCode);
        await app.Database.ExecuteAsync("DELETE FROM car_loans WHERE booking_id = @p0", bookingId);
    }

    [Fact]
    public async Task BookingOfAnotherCity_IsNotFound_LikeAMissingOne()
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        using var admin = app.AdminClient();
        using var foreign = await admin.GetAsync($"/staedte/dortmund/buchungen/{bookingId}");
        using var missing = await admin.GetAsync($"/staedte/witten/buchungen/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ledger_IsForPlatformAdminsOnly()
    {
        var bookingId = await app.PaidAndCancelledBookingAsync();
        var someone = await app.Database.AddPersonAsync($"nobody-{Guid.NewGuid():N}@test.example");
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, someone, secondFactor: true));
        using var response = await client.GetAsync($"/staedte/witten/buchungen/{bookingId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
