using System.Net;
using System.Text.RegularExpressions;

namespace Autowartung.Tenant.Web.Tests;

public sealed partial class HostResolutionTests(TenantWebApp app) : IClassFixture<TenantWebApp>
{
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string host, string path = "/")
    {
        using var client = app.Factory.ClientFor(host);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The 404 page without its per-request correlation id, so two of them can be compared.</summary>
    private static string WithoutCorrelationId(string body) => CorrelationId().Replace(body, "Vorgang …");

    [Fact]
    public async Task KnownCity_ShowsItsOwnLandingPage()
    {
        var (status, body) = await GetAsync("witten.autowartung.localhost");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ihre Wartung in Witten", body);
        Assert.Contains("58452, 58453", body);
        Assert.Contains("Kfz-Meisterbetrieb Helenenberg", body);
        Assert.DoesNotContain("Dortmund", body);
        Assert.DoesNotContain("Phoenixsee", body);
    }

    [Fact]
    public async Task OtherCity_ShowsOnlyItsOwnData()
    {
        var (status, body) = await GetAsync("dortmund.autowartung.localhost");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Ihre Wartung in Dortmund", body);
        Assert.Contains("Werkstatt am Phoenixsee", body);
        Assert.DoesNotContain("Witten", body);
        Assert.DoesNotContain("Helenenberg", body);
        Assert.DoesNotContain("58452", body);
    }

    [Fact]
    public async Task UnknownCity_Is404_AndRevealsNothing()
    {
        var (status, body) = await GetAsync("bochum.autowartung.localhost");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Seite nicht gefunden", body);
        Assert.DoesNotContain("bochum", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Witten", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task CityInOnboarding_LooksExactlyLikeAnUnknownOne()
    {
        var onboarding = await GetAsync("hattingen.autowartung.localhost");
        var unknown = await GetAsync("xyz.autowartung.localhost");

        Assert.Equal(HttpStatusCode.NotFound, onboarding.Status);
        Assert.Equal(WithoutCorrelationId(unknown.Body), WithoutCorrelationId(onboarding.Body));
        Assert.DoesNotContain("Hattingen", onboarding.Body);
    }

    [Fact]
    public async Task UnknownCity_AsksedForJson_GetsAProblemWithNothingMore()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://bochum.autowartung.localhost:8080") });
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("bochum", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PausedCity_StaysVisible_AndSaysItTakesNoBookings()
    {
        var (status, body) = await GetAsync("herne.autowartung.localhost");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("keine neuen Buchungen", body);
    }

    [Fact]
    public async Task Apex_ShowsThePublicLanding_WithPublicCitiesOnly()
    {
        var (status, body) = await GetAsync("autowartung.localhost");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Unsere Städte", body);
        Assert.Contains("http://witten.autowartung.localhost:8080/", body);
        Assert.Contains("http://dortmund.autowartung.localhost:8080/", body);
        Assert.DoesNotContain("Hattingen", body);
    }

    [Fact]
    public async Task Www_RedirectsToTheApex()
    {
        using var client = app.Factory.ClientFor("www.autowartung.localhost");

        using var response = await client.GetAsync("/?von=anzeige");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri("http://autowartung.localhost:8080/?von=anzeige"), response.Headers.Location);
    }

    [Theory]
    [InlineData("a.witten.autowartung.localhost")]
    [InlineData("admin.autowartung.localhost")]
    [InlineData("id.autowartung.localhost")]
    [InlineData("witten.example.com")]
    [InlineData("127.0.0.1")]
    public async Task HostsThatAreNoCity_Are404(string host)
    {
        var (status, body) = await GetAsync(host);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("Witten", body);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("bochum.autowartung.localhost")]
    [InlineData("witten.autowartung.localhost")]
    public async Task Health_AnswersOnAnyHost(string host)
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/health/ready")).Status);
    }

    [Fact]
    public async Task StaticAssets_AreServed()
    {
        var (status, body) = await GetAsync("witten.autowartung.localhost", "/_content/Autowartung.ServiceDefaults/autowartung.css");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("--brand", body);
    }

    [GeneratedRegex("Vorgang [^<]+")]
    private static partial Regex CorrelationId();
}
