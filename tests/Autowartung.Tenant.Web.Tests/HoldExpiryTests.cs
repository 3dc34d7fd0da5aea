using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Demo;
using Autowartung.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>The demo cities with the hold-expiry job firing every second.</summary>
public sealed class FastJobs : AppFixture<Program>
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:ExpireHoldsEverySeconds"] = "1" };

    protected override async Task SeedAsync()
    {
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
    }
}

public sealed class HoldExpiryTests(FastJobs app) : IClassFixture<FastJobs>
{
    [Fact]
    public async Task LapsedHold_ExpiresThroughTheScheduler_AndFreesItsPlace()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://witten.autowartung.localhost:8080") });
        using var quoteResponse = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Opel", model = "Corsa", year = 2021, fuel = "Petrol" },
            serviceCodes = new[] { "HU_AU" },
            postalCode = "58454",
        });
        var quoteId = (await quoteResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slot = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().First();
        var slotId = slot.GetProperty("id").GetString()!;
        var before = slot.GetProperty("remaining").GetInt32();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new
            {
                quoteId,
                slotId,
                customer = new { name = "Max Muster", email = $"hold-{Guid.NewGuid():N}@booking.test", phone = "02302 12345" },
                address = new { street = "Bahnhofstraße 2", postalCode = "58454", city = "Witten" },
                licensePlate = "EN-X 1",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"hold-{Guid.NewGuid():N}");
        using var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bookingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(before - 1, await RemainingAsync(client, quoteId, slotId));

        await app.Database.ExecuteAsync("UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = @p0", bookingId);

        string? status = null;
        for (var i = 0; i < 50 && status != "Expired"; i++)
        {
            await Task.Delay(200);
            status = await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", bookingId);
        }
        Assert.Equal("Expired", status);
        Assert.Equal(before, await RemainingAsync(client, quoteId, slotId));
        Assert.Contains("Expired", await app.Database.ScalarAsync<string>("SELECT events::text FROM bookings WHERE id = @p0", bookingId));
    }

    private static async Task<int> RemainingAsync(HttpClient client, Guid quoteId, string slotId)
    {
        var slots = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray();
        return slots.Where(s => s.GetProperty("id").GetString() == slotId).Select(s => s.GetProperty("remaining").GetInt32()).SingleOrDefault();
    }
}
