using System.Net;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autowartung.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static void Failing(WebApplication app) =>
        app.MapGet("/kaputt", string () => throw new InvalidOperationException("geheime interne Einzelheit"));

    [Fact]
    public async Task KeyRing_IsSharedThroughTheDatabase_SoOneAppReadsWhatAnotherProtected()
    {
        await using var identity = await TestApp.StartAsync(database.ConnectionString);
        await using var city = await TestApp.StartAsync(database.ConnectionString);

        var ticket = identity.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("sso").Protect("kunde-42");
        var read = city.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("sso").Unprotect(ticket);

        Assert.Equal("kunde-42", read);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task UnhandledError_AnswersProblemJson_WithoutDetails()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString, Failing);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var response = await client.GetAsync("/kaputt");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("correlationId").GetString()));
        Assert.DoesNotContain("geheime", body);
        Assert.DoesNotContain("InvalidOperationException", body);
    }

    [Fact]
    public async Task UnhandledError_InABrowser_ShowsAPlainGermanPage()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString, Failing);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        using var response = await client.GetAsync("/kaputt");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Da ist etwas schiefgelaufen", body);
        Assert.DoesNotContain("geheime", body);
    }

    [Fact]
    public async Task UnhandledError_InABrowser_OffersAWayBack_ToTheSamePageAndTheStart()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString, Failing);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var body = await (await client.GetAsync("/kaputt?x=1")).Content.ReadAsStringAsync();

        var wayBack = System.Text.RegularExpressions.Regex.Match(body, "<p data-testid=\"way-back\">(.*?)</p>").Groups[1].Value;
        Assert.Contains("<a href=\"/kaputt?x=1\">Erneut versuchen</a>", wayBack);
        Assert.Contains("<a href=\"/\">Zur Startseite</a>", wayBack);
    }

    [Fact]
    public async Task MissingPage_IsAProblemToo()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var response = await client.GetAsync("/gibt-es-nicht");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ready_WhenTheDatabaseIsUnreachable_Is503_WhileLiveStays200()
    {
        await using var app = await TestApp.StartAsync("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1");
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_WithTheDatabaseAndAzurite_Is200()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_WhenStorageIsUnreachable_Is503_WhileLiveStays200()
    {
        await using var app = await TestApp.StartAsync(database.ConnectionString, blobs: Azurite.ConnectionStringFor(port: 1));
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task JsonLog_CarriesCorrelationId_AndNoQueryStringOrPersonalData()
    {
        var folder = Directory.CreateTempSubdirectory("aw-log-");
        var logFile = Path.Combine(folder.FullName, "app.json");
        var app = await TestApp.StartAsync(database.ConnectionString, a =>
        {
            // As the tenancy middleware does in the apps with cities, after the service defaults.
            a.Use((context, next) =>
            {
                context.Features.Set<IMultiTenantContext>(new MultiTenantContext<CityTenantInfo>(new(Guid.NewGuid(), "witten", "Witten", CityStatus.Pilot, "Europe/Berlin")));
                return next(context);
            });
            a.MapGet("/kunden/suche", (string email, ILogger<ServiceDefaultsTests> logger) =>
            {
                logger.LogInformation("Suche ausgeführt für {ResultCount} Treffer", 1);
                return Results.Ok();
            });
        }, logFile);
        using (var client = app.GetTestClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/kunden/suche?email=erika.mustermann%40example.com"))
        {
            request.Headers.Add("X-Request-Id", "req-0815");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }
        await app.DisposeAsync();   // flushes the log

        var lines = Directory.GetFiles(folder.FullName).SelectMany(File.ReadAllLines).ToList();
        var requestLine = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("HTTP", StringComparison.Ordinal));
        var properties = requestLine.GetProperty("Properties");
        Assert.Equal("req-0815", properties.GetProperty("CorrelationId").GetString());
        Assert.Equal("/kunden/suche", properties.GetProperty("Route").GetString());
        Assert.Equal("witten", properties.GetProperty("Tenant").GetString());
        Assert.Equal(200, properties.GetProperty("StatusCode").GetInt32());
        Assert.True(properties.GetProperty("ElapsedMs").GetDouble() >= 0);
        Assert.Contains(lines, l => l.Contains("\"CorrelationId\":\"req-0815\"") && l.Contains("Suche ausgeführt"));
        Assert.DoesNotContain(lines, l => l.Contains("erika", StringComparison.OrdinalIgnoreCase) || l.Contains("example.com"));
        folder.Delete(recursive: true);
    }
}
