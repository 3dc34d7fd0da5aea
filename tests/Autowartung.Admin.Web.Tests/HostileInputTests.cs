using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Testing;
using Xunit.Abstractions;

namespace Autowartung.Admin.Web.Tests;

/// <summary>
/// Bad input to every route of the admin API's OpenAPI document, as a signed-in platform admin, so each
/// request reaches the binding: never a 5xx, a 400 that names the field, nothing written.
/// </summary>
public sealed class HostileInputTests(ExpansionApp app, ITestOutputHelper output) : IClassFixture<ExpansionApp>
{
    [Fact]
    public async Task EveryRouteOfTheOpenApiDocument_RefusesBadInput_NamingTheField_AndWritesNothing()
    {
        using var client = app.AdminClient();
        using var document = await HostileRequests.OpenApiAsync(client);
        var cases = HostileRequests.For(document, HostileRequests.Operations(document, new Dictionary<string, string> { ["slug"] = "witten" }));
        Assert.Contains(cases, c => c.Method == HttpMethod.Post && c.Path == "/api/v1/cities" && c.Field == "serviceArea");
        Assert.Contains(cases, c => c.Method == HttpMethod.Put && c.Path == "/api/v1/cities/witten" && c.Field == "pilotDailyBookingCap");
        Assert.Contains(cases, c => c.Method == HttpMethod.Post && c.Path == "/api/v1/cities/witten/status" && c.Field == "status");

        var before = await app.Database.CountRowsAsync();
        var failures = await HostileRequests.SendAsync(client, cases);
        output.WriteLine($"{cases.Count} requests to {cases.Select(c => $"{c.Method} {c.Path.Split('?')[0]}").Distinct().Count()} operations");

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} requests:\n{string.Join("\n", failures)}");
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("Live, Paused")]
    [InlineData("Pilot,Live")]
    public async Task Status_IsTakenByNameOnly(string status)
    {
        using var client = app.AdminClient();
        var before = await app.Database.CountRowsAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/cities/witten/status", new { status, reason = "Versuch mit einer Zahl" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _), errors.GetRawText());
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [Fact]
    public async Task ARouteValueWithAControlCharacter_IsA400_BeforeItReachesTheDatabase()
    {
        using var client = app.AdminClient();

        // %00 itself never gets this far: the server refuses a path with NUL in it outright.
        using var response = await client.GetAsync("/api/v1/cities/wit%1Bten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("slug", out _));
    }
}
