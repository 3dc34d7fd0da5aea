using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Accounts;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

public sealed class BookingApiTests(DemoCities app) : IClassFixture<DemoCities>
{
    private async Task<Guid> QuoteAsync(string city, string postalCode)
    {
        using var client = app.Api(city);
        using var response = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Volkswagen", model = "Golf", year = 2019, fuel = "Petrol", mileageKm = 60000 },
            serviceCodes = new[] { "INSPECTION" },
            postalCode,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<JsonElement>> SlotsAsync(string city, Guid quoteId)
    {
        using var client = app.Api(city);
        return (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().ToList();
    }

    private static object Booking(Guid quoteId, string slotId, string email, string postalCode = "58452") => new
    {
        quoteId,
        slotId,
        customer = new { name = "Erika Muster", email, phone = "+49 2302 123456" },
        address = new { street = "Ruhrstraße 1", postalCode, city = "Witten" },
        licensePlate = "en-ab 123",
    };

    private static async Task<HttpResponseMessage> PostBookingAsync(HttpClient client, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static string NewKey() => $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Booking_HoldsTheSlot_CopiesThePrice_AndCreatesALightCustomerAccount()
    {
        var quote = await QuoteAsync("witten", "58452");
        var slot = (await SlotsAsync("witten", quote))[0];
        var email = $"erika-{Guid.NewGuid():N}@booking.test";
        using var client = app.Api("witten");

        using var response = await PostBookingAsync(client, Booking(quote, slot.GetProperty("id").GetString()!, email), NewKey());
        var booking = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("PendingPayment", booking.GetProperty("status").GetString());
        Assert.Equal("EN-AB 123", booking.GetProperty("licensePlate").GetString());
        var hold = booking.GetProperty("holdExpiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(hold, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var held = Assert.Single(booking.GetProperty("timeline").EnumerateArray());
        Assert.Equal(("PendingPayment", "Held", "Termin reserviert, Zahlung ausstehend"),
            (held.GetProperty("status").GetString(), held.GetProperty("code").GetString(), held.GetProperty("text").GetString()));
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT password_hash IS NOT NULL FROM users WHERE email = @p0", email));
        Assert.Equal("Customer", await app.Database.ScalarAsync<string>("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @p0", email));
    }

    [Fact]
    public async Task SameKeyAndBody_GivesTheSameBooking_OtherBody_Is400_NoKey_Is400()
    {
        var quote = await QuoteAsync("witten", "58452");
        var slot = (await SlotsAsync("witten", quote))[0].GetProperty("id").GetString()!;
        var key = NewKey();
        using var client = app.Api("witten");

        using var first = await PostBookingAsync(client, Booking(quote, slot, "a@booking.test"), key);
        using var again = await PostBookingAsync(client, Booking(quote, slot, "a@booking.test"), key);
        using var other = await PostBookingAsync(client, Booking(quote, slot, "b@booking.test"), key);
        using var none = await PostBookingAsync(client, Booking(quote, slot, "c@booking.test"), null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM booking_requests WHERE key = @p0", key));
    }

    [Fact]
    public async Task FiftyParallelRequests_ForAWindowWithThreePlaces_OnTwoAppInstances_GiveExactlyThreeBookings()
    {
        // Dortmund, live (no daily cap), with five jockeys on shift every day and three places per window.
        var dortmund = await app.Database.ScalarAsync<Guid>("SELECT id FROM cities WHERE slug = 'dortmund'");
        for (var i = 0; i < 5; i++)
        {
            var jockey = await app.Database.AddPersonAsync($"fahrer-{i}-{Guid.NewGuid():N}@dortmund.test");
            foreach (var day in Enum.GetNames<DayOfWeek>())
                await app.Database.ExecuteAsync(
                    "INSERT INTO jockey_shifts (tenant_id, id, jockey_user_id, day, start, \"end\") VALUES (@p0, gen_random_uuid(), @p1, @p2, '00:00', '23:59')",
                    dortmund, jockey.Id, day);
        }
        await app.Database.ExecuteAsync("UPDATE pickup_windows SET capacity = 3 WHERE tenant_id = @p0", dortmund);
        var quote = await QuoteAsync("dortmund", "44135");
        var slot = (await SlotsAsync("dortmund", quote))[0];
        Assert.Equal(3, slot.GetProperty("remaining").GetInt32());
        var slotId = slot.GetProperty("id").GetString()!;

        await using var secondInstance = new PlatformAppFactory<Program>(app.Database);
        var clients = new[] { app.Api("dortmund"), secondInstance.CreateClient(new() { BaseAddress = new Uri("http://dortmund.autowartung.localhost:8080") }) };
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            PostBookingAsync(clients[i % 2], Booking(quote, slotId, $"parallel-{i}@booking.test", "44135"), NewKey())));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(47, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE tenant_id = @p0 AND replace(slot_window_id::text, '-', '') || '_' || to_char(slot_date, 'YYYYMMDD') = @p1", dortmund, slotId));
        Assert.Equal(3, await app.Database.ScalarAsync<int>("SELECT taken FROM slot_counters WHERE tenant_id = @p0 AND replace(window_id::text, '-', '') = split_part(@p1, '_', 1)", dortmund, slotId));
        Assert.DoesNotContain((await SlotsAsync("dortmund", quote)), s => s.GetProperty("id").GetString() == slotId);
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task SlotOrQuoteOfAnotherCity_Is404()
    {
        var wittenQuote = await QuoteAsync("witten", "58452");
        var dortmundQuote = await QuoteAsync("dortmund", "44135");
        var dortmundWindow = await app.Database.ScalarAsync<Guid>("SELECT w.id FROM pickup_windows w JOIN cities c ON c.id = w.tenant_id WHERE c.slug = 'dortmund' LIMIT 1");
        var foreignSlot = $"{dortmundWindow:N}_{DateTime.UtcNow.AddDays(3):yyyyMMdd}";
        var wittenSlot = (await SlotsAsync("witten", wittenQuote))[0].GetProperty("id").GetString()!;
        using var witten = app.Api("witten");

        using var foreignSlotResponse = await PostBookingAsync(witten, Booking(wittenQuote, foreignSlot, "x@booking.test"), NewKey());
        using var foreignQuoteResponse = await PostBookingAsync(witten, Booking(dortmundQuote, wittenSlot, "x@booking.test"), NewKey());
        using var foreignSlots = await witten.GetAsync($"/api/v1/slots?quoteId={dortmundQuote}");

        Assert.Equal(HttpStatusCode.NotFound, foreignSlotResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignQuoteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignSlots.StatusCode);
    }

    [Fact]
    public async Task ExpiredQuote_OtherPostalCode_AndBadFields_Are400_AndLeaveNothingBehind()
    {
        var quote = await QuoteAsync("witten", "58452");
        var slot = (await SlotsAsync("witten", quote))[0].GetProperty("id").GetString()!;
        using var client = app.Api("witten");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings");

        using var otherPostalCode = await PostBookingAsync(client, Booking(quote, slot, "y@booking.test", "58453"), NewKey());
        using var badFields = await PostBookingAsync(client, new { quoteId = quote, slotId = "kaputt", customer = new { name = "", email = "nope", phone = "x" }, address = new { street = "", postalCode = "1", city = "" }, licensePlate = "???" }, NewKey());
        await app.Database.ExecuteAsync("UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE id = @p0", quote);
        using var expired = await PostBookingAsync(client, Booking(quote, slot, "y@booking.test"), NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, otherPostalCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFields.StatusCode);
        var fields = (await badFields.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["slotId", "customer.name", "customer.email", "customer.phone", "address.street", "address.postalCode", "address.city", "licensePlate"], fields);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings"));
    }

    [Fact]
    public async Task ClosureDay_RemovesItsSlots()
    {
        var quote = await QuoteAsync("witten", "58452");
        var first = (await SlotsAsync("witten", quote))[0];
        var date = first.GetProperty("date").GetString()!;
        var workshop = await app.Database.ScalarAsync<Guid>("SELECT workshop_id FROM quotes WHERE id = @p0", quote);
        var city = await app.Database.ScalarAsync<Guid>("SELECT tenant_id FROM quotes WHERE id = @p0", quote);

        await app.Database.ExecuteAsync("INSERT INTO workshop_closures (tenant_id, id, workshop_id, date, reason) VALUES (@p0, gen_random_uuid(), @p1, @p2::date, 'Betriebsferien')", city, workshop, date);

        Assert.DoesNotContain(await SlotsAsync("witten", quote), s => s.GetProperty("date").GetString() == date);
    }

    [Fact]
    public async Task MyBookings_AreTheSignedInCustomersOnly()
    {
        var quote = await QuoteAsync("witten", "58452");
        var slot = (await SlotsAsync("witten", quote))[0].GetProperty("id").GetString()!;
        var email = $"meine-{Guid.NewGuid():N}@booking.test";
        using var anonymous = app.Api("witten");
        using var created = await PostBookingAsync(anonymous, Booking(quote, slot, email), NewKey());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var owner = new PlatformUser(email, DateTimeOffset.UtcNow);
        typeof(PlatformUser).GetProperty("Id")!.SetValue(owner, await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = @p0", email));
        owner.SecurityStamp = await app.Database.ScalarAsync<string>("SELECT security_stamp FROM users WHERE email = @p0", email);
        var stranger = await app.Database.AddPersonAsync($"fremd-{Guid.NewGuid():N}@booking.test");

        using var mine = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, owner));
        using var theirs = app.Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Factory.Services, stranger));

        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/v1/bookings/{id}")).StatusCode);
        Assert.Single((await mine.GetFromJsonAsync<JsonElement>("/api/v1/bookings")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/v1/bookings/{id}")).StatusCode);
        Assert.Empty((await theirs.GetFromJsonAsync<JsonElement>("/api/v1/bookings")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/bookings/{id}")).StatusCode);
    }
}
