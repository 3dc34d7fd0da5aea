using System.Net;

namespace Autowartung.Tenant.Web.Tests;

public sealed class LandingPageTests(TenantWebApp app) : IClassFixture<TenantWebApp>
{
    [Theory]
    [InlineData("kunde", "Kunde")]
    [InlineData("fahrer", "Fahrer")]
    [InlineData("werkstatt", "Werkstatt")]
    public async Task LoginAreas_LeadToTheIdentityServiceWithCityAndArea(string area, string label)
    {
        using var client = app.Factory.ClientForCity("witten");

        var body = await client.GetStringAsync("/");

        var returnUrl = Uri.EscapeDataString("http://witten.autowartung.localhost:8080/");
        Assert.Contains($"href=\"http://id.autowartung.localhost:8080/anmelden?area={area}&amp;city=witten&amp;returnUrl={returnUrl}\"", body);
        Assert.Contains($"<strong>{label}</strong>", body);
    }

    [Fact]
    public async Task Page_IsInGermanByDefault_AndEnglishWhenAsked()
    {
        using var german = app.Factory.ClientFor("witten.autowartung.localhost", acceptLanguage: null);
        using var english = app.Factory.ClientFor("witten.autowartung.localhost", acceptLanguage: "en-GB,en;q=0.9");

        var germanBody = await german.GetStringAsync("/");
        var englishBody = await english.GetStringAsync("/");

        Assert.Contains("<html lang=\"de\">", germanBody);
        Assert.Contains("So funktioniert es", germanBody);
        Assert.Contains("<html lang=\"en\">", englishBody);
        Assert.Contains("How it works", englishBody);
        Assert.Contains("Driver", englishBody);
    }

    [Fact]
    public async Task LanguageSwitch_RemembersTheChoice_AndOnlyReturnsToLocalPages()
    {
        using var client = app.Factory.ClientForCity("witten");

        using var local = await client.GetAsync("/sprache/en?returnUrl=%2F%3Fx%3D1");
        using var foreign = await client.GetAsync("/sprache/en?returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal("/?x=1", local.Headers.Location?.OriginalString);
        Assert.Contains(local.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den", StringComparison.Ordinal));
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeadersAndACorrelationId()
    {
        using var client = app.Factory.ClientForCity("witten");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Request-Id", "ingress-4711");

        using var response = await client.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("ingress-4711", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
