using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Autowartung.Platform.Accounts;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>
/// Bad input to every route of the city API's OpenAPI document, as a signed-in customer, so each request
/// reaches the binding: never a 5xx, a 400 that names the field, nothing written. The apex, which has
/// no city, answers none of the city's routes.
/// </summary>
public sealed class HostileInputTests(DemoCities app, ITestOutputHelper output) : IClassFixture<DemoCities>
{
    private const string Witten = "witten.autowartung.localhost";
    private const string Apex = "autowartung.localhost";

    private async Task<HttpClient> CustomerAsync(string host, string email)
    {
        var customer = await app.Database.AddPersonAsync(email);
        await using (var db = app.Database.CreateContext())
            await app.Database.GrantAsync((await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten")).ToTenantInfo(), customer, MembershipRole.Customer);
        var client = app.Factory.ClientWithCookie(host, Sessions.Cookie(app.Factory.Services, customer));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    [Fact]
    public async Task EveryRouteOfTheOpenApiDocument_RefusesBadInput_NamingTheField_AndWritesNothing()
    {
        using var client = await CustomerAsync(Witten, "hostile-customer@test.example");
        using var document = await HostileRequests.OpenApiAsync(client);
        var cases = HostileRequests.For(document, HostileRequests.Operations(document));
        Assert.Contains(cases, c => c.Method == HttpMethod.Post && c.Path == "/api/v1/quotes" && c.Field == "vehicle.year");
        Assert.Contains(cases, c => c.Method == HttpMethod.Post && c.Path == "/api/v1/bookings" && c.Field == "customer.email");
        Assert.Contains(cases, c => c.Path.StartsWith("/api/v1/slots?", StringComparison.Ordinal) && c.Field == "quoteId");

        var before = await app.Database.CountRowsAsync();
        var failures = await HostileRequests.SendAsync(client, cases);
        output.WriteLine($"{cases.Count} requests to {cases.Select(c => $"{c.Method} {c.Path.Split('?')[0]}").Distinct().Count()} operations");

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} requests:\n{string.Join("\n", failures)}");
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [Fact]
    public async Task Apex_AnswersNoneOfTheCityRoutes_NorTheBookingPages()
    {
        using var city = await CustomerAsync(Witten, "apex-customer@test.example");
        using var document = await HostileRequests.OpenApiAsync(city);
        using var apex = await CustomerAsync(Apex, "apex-visitor@test.example");
        var before = await app.Database.CountRowsAsync();

        var answers = new List<string>();
        foreach (var operation in HostileRequests.Operations(document))
        {
            using var request = new HttpRequestMessage(operation.Method, operation.Path);
            if (HostileRequests.SampleBody(document, operation) is { } body) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await apex.SendAsync(request);
            answers.Add($"{operation.Method} {operation.Path}: {(int)response.StatusCode}");
        }
        foreach (var page in new[] { "/buchen", "/buchen/leistungen", "/buchen/termin", "/buchen/kontakt", "/meine-buchungen", "/workshop", "/jockey" })
        {
            using var get = await apex.GetAsync(page);
            answers.Add($"GET {page}: {(int)get.StatusCode}");
            using var post = await apex.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["Make"] = "Volkswagen", ["Model"] = "Golf" }));
            answers.Add($"POST {page}: {(int)post.StatusCode}");
        }

        Assert.True(answers.Count > 20, string.Join("\n", answers));
        Assert.All(answers, answer => Assert.EndsWith(": 404", answer));
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
        // The apex's own pages still answer.
        using var landing = await apex.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
    }

    [Theory]
    [InlineData("de-DE", "Die Anfrage ist so nicht lesbar.", "Der Inhalt ist kein lesbares JSON-Objekt.", "Bitte melden Sie sich an.")]
    [InlineData("en-GB", "The request cannot be read.", "The body is not a readable JSON object.", "Please sign in.")]
    public async Task Problems_SpeakTheRequestsLanguage(string language, string unreadableTitle, string unreadableBody, string signInTitle)
    {
        using var client = app.Api("witten");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var unreadable = await client.PostAsync("/api/v1/quotes", new StringContent("{", Encoding.UTF8, "application/json"));
        using var anonymous = await client.GetAsync("/api/v1/me");
        using var validation = await client.GetAsync("/api/v1/slots");

        var problem = JsonDocument.Parse(await unreadable.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(unreadableTitle, problem.GetProperty("title").GetString());
        Assert.Equal(unreadableBody, problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(signInTitle, JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        var validationTitle = JsonDocument.Parse(await validation.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
        Assert.DoesNotContain("One or more validation errors occurred.", validationTitle);
        Assert.Equal(language.StartsWith("en", StringComparison.Ordinal) ? "The input is not valid." : "Die Angaben sind so nicht gültig.", validationTitle);
    }

    [Fact]
    public async Task ABodyOverTheApisLimit_IsRefusedBeforeItIsRead()
    {
        using var client = app.Api("witten");
        using var content = new ByteArrayContent(new byte[Api.CityApi.MaxBodyBytes + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/v1/quotes", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
