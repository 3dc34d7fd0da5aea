using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Demo;
using Autowartung.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>Tenant.Web on the demo seed: Witten and Dortmund with services, prices and the vehicle catalog.</summary>
public sealed class DemoCities : AppFixture<Program>
{
    protected override async Task SeedAsync()
    {
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
    }

    public HttpClient Api(string city) =>
        Factory.CreateClient(new() { BaseAddress = new Uri($"http://{city}.autowartung.localhost:8080"), AllowAutoRedirect = false });
}

public sealed class QuoteApiTests(DemoCities app) : IClassFixture<DemoCities>
{
    private static object Golf(string postalCode = "58452", params string[] services) => new
    {
        vehicle = new { make = "Volkswagen", model = "Golf", year = 2019, fuel = "Diesel", mileageKm = 87000 },
        serviceCodes = services.Length == 0 ? ["INSPECTION", "OIL_CHANGE"] : services,
        postalCode,
    };

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string city, object body)
    {
        using var client = app.Api(city);
        var response = await client.PostAsJsonAsync("/api/v1/quotes", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    [Fact]
    public async Task Quote_ForAGolfInWitten_HasExactLines_AndTotalsThatAddUp()
    {
        var (status, quote, response) = await PostAsync("witten", Golf());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal($"/api/v1/quotes/{quote.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        var lines = quote.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["INSPECTION", "OIL_CHANGE", "CONCIERGE_FEE"], lines.Select(l => l.GetProperty("code").GetString()));
        Assert.Equal((21900, 4161, 26061), (lines[0].GetProperty("netCents").GetInt32(), lines[0].GetProperty("vatCents").GetInt32(), lines[0].GetProperty("grossCents").GetInt32()));
        Assert.Equal(2900, lines[2].GetProperty("grossCents").GetInt32());
        Assert.All(lines, l => Assert.Equal(l.GetProperty("netCents").GetInt32() + l.GetProperty("vatCents").GetInt32(), l.GetProperty("grossCents").GetInt32()));
        Assert.Equal(lines.Sum(l => l.GetProperty("grossCents").GetInt32()), quote.GetProperty("totalGrossCents").GetInt32());
        Assert.True(quote.GetProperty("validUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal("Compact", quote.GetProperty("vehicle").GetProperty("vehicleClass").GetString());
    }

    [Fact]
    public async Task SameInputs_GiveTheSameCents()
    {
        var (_, first, _) = await PostAsync("witten", Golf());
        var (_, second, _) = await PostAsync("witten", Golf());

        Assert.NotEqual(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("lines").GetRawText(), second.GetProperty("lines").GetRawText());
        Assert.Equal(first.GetProperty("totalGrossCents").GetInt32(), second.GetProperty("totalGrossCents").GetInt32());
    }

    [Fact]
    public async Task Quote_ByKeyNumbers_Works()
    {
        var (status, quote, _) = await PostAsync("witten", new { vehicle = new { hsn = "0005", tsn = "CKC" }, serviceCodes = new[] { "HU_AU" }, postalCode = "58453" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("3er", quote.GetProperty("vehicle").GetProperty("model").GetString());
    }

    [Fact]
    public async Task PostalCodeOfAnotherCity_IsRefused_WithALinkToThatCity()
    {
        var (status, problem, _) = await PostAsync("witten", Golf("44135"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Dortmund", problem.GetProperty("errors").GetProperty("postalCode")[0].GetString());
        Assert.Equal("http://dortmund.autowartung.localhost:8080/", problem.GetProperty("servedBy").GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("10115", "noch nicht da")]        // Berlin: assigned, no city serves it yet
    [InlineData("99999", "gibt es nicht")]        // not assigned
    [InlineData("5845", "fünf Ziffern")]
    [InlineData("5845x", "fünf Ziffern")]
    public async Task BadPostalCodes_AreExplained(string postalCode, string explanation)
    {
        var (status, problem, _) = await PostAsync("witten", Golf(postalCode));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(explanation, problem.GetProperty("errors").GetProperty("postalCode")[0].GetString());
        Assert.False(problem.TryGetProperty("servedBy", out _));
    }

    [Fact]
    public async Task BadInput_AnswersWithFieldErrors_AndLeavesNothingBehind()
    {
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM quotes");

        var (status, problem, _) = await PostAsync("witten", new
        {
            vehicle = new { make = "Trabant", model = "601", year = 1890, fuel = "Kerosin", mileageKm = -5 },
            serviceCodes = new[] { "WARP_DRIVE" },
            postalCode = "58452",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("vehicle.year", fields);
        Assert.Contains("vehicle.mileageKm", fields);
        Assert.Contains("serviceCodes", fields);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM quotes"));
    }

    [Fact]
    public async Task OilChange_ForAnElectricCar_IsRefused()
    {
        var (status, problem, _) = await PostAsync("witten", new
        {
            vehicle = new { make = "Volkswagen", model = "ID.3", year = 2022, fuel = "Electric" },
            serviceCodes = new[] { "OIL_CHANGE" },
            postalCode = "58452",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Elektro", problem.GetProperty("errors").GetProperty("serviceCodes")[0].GetString());
    }

    [Fact]
    public async Task Malformed_Json_Is400_NotA500()
    {
        using var client = app.Api("witten");

        using var response = await client.PostAsync("/api/v1/quotes", new StringContent("{ \"vehicle\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Quote_IsASnapshot_ThatLaterPriceChangesDoNotTouch()
    {
        var (_, quote, _) = await PostAsync("witten", Golf());
        var id = quote.GetProperty("id").GetGuid();

        await app.Database.ExecuteAsync("UPDATE workshop_prices SET net_cents = net_cents * 2");
        await app.Database.ExecuteAsync("UPDATE cities SET concierge_fee_cents = 9900");
        using var client = app.Api("witten");
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/v1/quotes/{id}");
        await app.Database.ExecuteAsync("UPDATE workshop_prices SET net_cents = net_cents / 2");
        await app.Database.ExecuteAsync("UPDATE cities SET concierge_fee_cents = 2900");

        Assert.Equal(quote.GetProperty("lines").GetRawText(), again.GetProperty("lines").GetRawText());
        Assert.Equal(quote.GetProperty("totalGrossCents").GetInt32(), again.GetProperty("totalGrossCents").GetInt32());
    }

    [Fact]
    public async Task QuoteOfWitten_AskedForOnDortmund_Is404()
    {
        var (_, quote, _) = await PostAsync("witten", Golf());
        using var dortmund = app.Api("dortmund");
        using var witten = app.Api("witten");

        Assert.Equal(HttpStatusCode.NotFound, (await dortmund.GetAsync($"/api/v1/quotes/{quote.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await witten.GetAsync($"/api/v1/quotes/{quote.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await witten.GetAsync($"/api/v1/quotes/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Catalog_ListsTheCitysServices_AndTheCars()
    {
        using var client = app.Api("witten");

        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog");

        Assert.Contains(catalog.GetProperty("services").EnumerateArray(), s => s.GetProperty("code").GetString() == "HU_AU");
        var models = catalog.GetProperty("makes").EnumerateArray().Sum(m => m.GetProperty("models").GetArrayLength());
        Assert.True(models >= 40);
        Assert.Equal(["Petrol", "Diesel", "Hybrid", "Electric"], catalog.GetProperty("fuels").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var client = app.Api("witten");

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/quotes", paths);
        Assert.Contains("/api/v1/catalog", paths);
        Assert.Contains("/api/v1/quotes/{id}", paths);
    }
}

public sealed class RoutingTests(DemoCities app) : IClassFixture<DemoCities>
{
    [Fact]
    public async Task Quote_GoesToAWorkshopWithFreeSlots_NotSimplyTheFirstByName()
    {
        // A second Witten workshop, first by name, serving 58456 with full prices but no pickup windows at all.
        var witten = await app.Database.ScalarAsync<Guid>("SELECT id FROM cities WHERE slug = 'witten'");
        var empty = Guid.NewGuid();
        await app.Database.ExecuteAsync(
            "INSERT INTO partner_workshops (tenant_id, id, name, served_postal_codes, is_active, created_at, address_street, address_postal_code, address_town, labour_rate_net_cents) " +
            "VALUES (@p0, @p1, 'AAA Werkstatt ohne Termine', '{58456}', true, now(), 'Weg 9', '58456', 'Witten', 9800)", witten, empty);
        await app.Database.ExecuteAsync(
            "INSERT INTO workshop_prices (tenant_id, id, workshop_id, item_code, vehicle_class, net_cents) " +
            "SELECT tenant_id, gen_random_uuid(), @p1, item_code, vehicle_class, net_cents FROM workshop_prices WHERE tenant_id = @p0", witten, empty);
        using var client = app.Api("witten");

        using var response = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Ford", model = "Focus", year = 2020, fuel = "Diesel" },
            serviceCodes = new[] { "INSPECTION" },
            postalCode = "58456",
        });
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(empty, quote.GetProperty("workshopId").GetGuid());
        Assert.Equal("Kfz-Meisterbetrieb Helenenberg", await app.Database.ScalarAsync<string>("SELECT name FROM partner_workshops WHERE id = @p0", quote.GetProperty("workshopId").GetGuid()));
    }
}
