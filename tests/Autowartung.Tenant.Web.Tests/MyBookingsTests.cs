using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Accounts;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

public sealed class MyBookingsTests(DemoCities app) : IClassFixture<DemoCities>
{
    private async Task<(PlatformUser Customer, Guid BookingId)> BookAsGuestAsync()
    {
        using var client = app.Api("witten");
        using var quoteResponse = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Skoda", model = "Octavia", year = 2022, fuel = "Diesel", mileageKm = 42000 },
            serviceCodes = new[] { "INSPECTION" },
            postalCode = "58455",
        });
        var quoteId = (await quoteResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slotId = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().First().GetProperty("id").GetString();
        var email = $"stamm-{Guid.NewGuid():N}@booking.test";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new
            {
                quoteId,
                slotId,
                customer = new { name = "Stamm Kundin", email, phone = "02302 98765" },
                address = new { street = "Wiesenweg 4", postalCode = "58455", city = "Witten" },
                licensePlate = "EN-SK 42",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"mine-{Guid.NewGuid():N}");
        using var created = await client.SendAsync(request);
        var bookingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var customer = new PlatformUser(email, DateTimeOffset.UtcNow)
        {
            SecurityStamp = await app.Database.ScalarAsync<string>("SELECT security_stamp FROM users WHERE email = @p0", email),
        };
        typeof(PlatformUser).GetProperty("Id")!.SetValue(customer, await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = @p0", email));
        return (customer, bookingId);
    }

    [Fact]
    public async Task MyBookings_ShowsTheCustomersBookingWithItsTimeline_AndARebookLink()
    {
        var (customer, bookingId) = await BookAsGuestAsync();
        using var client = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, customer));

        var page = await client.GetStringAsync("/meine-buchungen");

        Assert.Contains($"data-booking=\"{bookingId}\"", page);
        Assert.Contains("Reserviert, Zahlung ausstehend", page);
        Assert.Contains("Termin reserviert, Zahlung ausstehend", page);
        Assert.Contains("href=\"/buchen?Model=Skoda%7COctavia&amp;Year=2022&amp;Fuel=Diesel&amp;Mileage=42000&amp;Plz=58455\"", page);
    }

    [Theory]
    [InlineData("de-DE", "Reserviert, Zahlung ausstehend")]
    [InlineData("en-GB", "Reserved, payment pending")]
    public async Task MyBookings_ShowsTheWholePickupWindow_InTheCitysTime_AndTheReadersLanguage(string language, string status)
    {
        var (customer, bookingId) = await BookAsGuestAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var start = TimeZoneInfo.ConvertTime(await app.Database.ScalarAsync<DateTime>("SELECT pickup_start_utc FROM bookings WHERE id = @p0", bookingId), zone);
        var end = TimeZoneInfo.ConvertTime(await app.Database.ScalarAsync<DateTime>("SELECT pickup_end_utc FROM bookings WHERE id = @p0", bookingId), zone);
        using var client = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, customer));
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var page = await client.GetStringAsync("/meine-buchungen");

        var card = System.Text.RegularExpressions.Regex.Match(page, $"data-booking=\"{bookingId}\">(.*?)</article>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var window = System.Text.RegularExpressions.Regex.Match(card, "data-testid=\"pickup-window\">([^<]*)<").Groups[1].Value;
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        Assert.StartsWith(culture.DateTimeFormat.GetDayName(start.DayOfWeek), window);
        Assert.Contains(culture.DateTimeFormat.GetMonthName(start.Month), window);
        Assert.EndsWith(language == "de-DE" ? $"{start:HH:mm}–{end:HH:mm} Uhr" : $"{start:HH:mm}–{end:HH:mm}", window);
        Assert.Contains(status, card);
    }

    [Fact]
    public async Task ServicesStep_InEnglish_NamesTheServicesAndWritesAmountsInEnglish()
    {
        using var client = app.Factory.ClientFor("witten.autowartung.localhost", acceptLanguage: "en-GB,en;q=0.9");

        var page = await client.GetStringAsync("/buchen/leistungen?Model=Skoda%7COctavia&Year=2022&Fuel=Diesel&Plz=58455");

        Assert.Contains("<strong>Inspection</strong>", page);
        Assert.Contains("<strong>Oil change</strong>", page);
        Assert.Contains("Brake pads and discs on the front axle.", page);
        Assert.DoesNotContain("Inspektion", page);
        Assert.Matches("Pick-up and delivery: €29\\.00", page);
    }

    [Fact]
    public async Task Rebooking_PrefillsContactAddressAndPlate()
    {
        var (customer, _) = await BookAsGuestAsync();
        using var api = app.Api("witten");
        using var quoteResponse = await api.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Skoda", model = "Octavia", year = 2022, fuel = "Diesel" },
            serviceCodes = new[] { "HU_AU" },
            postalCode = "58455",
        });
        var quoteId = (await quoteResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slotId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().First().GetProperty("id").GetString();
        using var client = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, customer));

        var form = await client.GetStringAsync($"/buchen/kontakt?quote={quoteId}&slot={slotId}");

        Assert.Contains("value=\"Stamm Kundin\"", form);
        Assert.Contains("value=\"Wiesenweg 4\"", form);
        Assert.Contains("value=\"EN-SK 42\"", form);
    }

    [Fact]
    public async Task MyBookings_ShowsNothingOfOtherPeople_AndNeedsASignIn()
    {
        await BookAsGuestAsync();
        var stranger = await app.Database.AddPersonAsync($"niemand-{Guid.NewGuid():N}@booking.test");
        using var strangerClient = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, stranger));
        using var anonymous = app.Factory.ClientForCity("witten");

        Assert.Contains("data-testid=\"no-bookings\"", await strangerClient.GetStringAsync("/meine-buchungen"));
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/meine-buchungen")).StatusCode);
    }

    [Fact]
    public async Task SummaryReference_CannotBeForged()
    {
        using var client = app.Factory.ClientForCity("witten");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/buchen/reserviert?reference=erfunden")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/buchen/reserviert?reference={Guid.NewGuid()}")).StatusCode);
    }
}
