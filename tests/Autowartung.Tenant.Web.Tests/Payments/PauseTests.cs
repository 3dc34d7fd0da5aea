using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>Witten, live, with a paid booking, then paused by an admin.</summary>
public sealed class PausedCityApp : PaymentsApp;

public sealed class PauseTests(PausedCityApp app) : IClassFixture<PausedCityApp>
{
    [Fact]
    public async Task Pausing_StopsNewBookings_AndLeavesRunningOrdersIntact()
    {
        var running = await app.BookAsync(slotIndex: 10);
        Assert.NotNull(await app.PayAsync(running.PaymentUrl, "pm_card_visa"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(running.Id), "Confirmed"));
        var unpaid = await app.BookAsync(slotIndex: 11);   // a customer in the middle of paying
        var bookings = await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings");

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var witten = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");
            using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(witten.ToTenantInfo());
            var paused = await scope.ServiceProvider.GetRequiredService<ChangeCityStatus>().RunAsync(CityStatus.Paused, "Werkstatt im Urlaub", Guid.Empty, AuditOrigin.None);
            Assert.True(paused.Succeeded);
        }

        // Nothing new: no slots, and a booking for a slot that was free a moment ago is refused.
        using var api = app.Api();
        var quoteId = (await (await api.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Opel", model = "Corsa", year = 2021, fuel = "Petrol" },
            serviceCodes = new[] { "HU_AU" },
            postalCode = "58454",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new
            {
                quoteId,
                slotId = running.Body.GetProperty("slotId").GetString(),
                customer = new { name = "Max Muster", email = "pause@booking.test", phone = "02302 12345" },
                address = new { street = "Bahnhofstraße 2", postalCode = "58454", city = "Witten" },
                licensePlate = "EN-PA 1",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"pause-{Guid.NewGuid():N}");
        using var refused = await api.SendAsync(request);
        Assert.True(refused.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"{refused.StatusCode}");
        Assert.Equal(bookings, await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings"));

        // What runs goes on: the paid booking stands and can still be called off, the unpaid one can still be paid.
        Assert.NotNull(await app.PayAsync(unpaid.PaymentUrl, "pm_card_visa"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(unpaid.Id), "Confirmed"));
        using var customer = await app.CustomerClientAsync(running.Email);
        var shown = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{running.Id}");
        Assert.Equal("Confirmed", shown.GetProperty("status").GetString());
        using var cancelled = await customer.PostAsync($"/api/v1/bookings/{running.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(running.TotalCents, (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundCents").GetInt32());
    }
}
