using Autowartung.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Autowartung.ServiceDefaults.Tests;

public sealed class PlatformUrlsTests
{
    private static readonly PlatformUrls Local = new(Options.Create(new PlatformHostOptions
    {
        BaseDomain = "autowartung.localhost",
        PublicScheme = "http",
        PublicPort = 8080,
    }));

    private static readonly PlatformUrls Production = new(Options.Create(new PlatformHostOptions { BaseDomain = "autowartung.de" }));

    [Fact]
    public void Hosts_AreBuiltFromTheBaseDomain()
    {
        Assert.Equal("http://witten.autowartung.localhost:8080/", Local.City("witten").ToString());
        Assert.Equal("http://id.autowartung.localhost:8080/", Local.Identity.ToString());
        Assert.Equal("https://witten.autowartung.de/", Production.City("witten").ToString());
        Assert.Equal("https://admin.autowartung.de/", Production.Admin.ToString());
        Assert.Equal("https://autowartung.de/", Production.Apex.ToString());
    }

    [Fact]
    public void SignIn_CarriesCityAreaAndReturnUrl()
    {
        var url = Production.SignIn("witten", LoginArea.Workshop, Production.City("witten"));

        Assert.Equal("https://id.autowartung.de/anmelden?area=werkstatt&city=witten&returnUrl=https%3A%2F%2Fwitten.autowartung.de%2F", url.ToString());
    }

    [Theory]
    [InlineData("http://witten.autowartung.localhost:8080/", true)]
    [InlineData("http://witten.autowartung.localhost:8080/meine-buchungen?x=1", true)]
    [InlineData("http://autowartung.localhost:8080/", true)]
    [InlineData("http://admin.autowartung.localhost:8080/", true)]
    [InlineData("http://WITTEN.autowartung.localhost:8080/", true)]
    [InlineData("https://witten.autowartung.localhost:8080/", false)]
    [InlineData("http://witten.autowartung.localhost:8081/", false)]
    [InlineData("http://witten.autowartung.localhost/", false)]
    [InlineData("http://evil.example/", false)]
    [InlineData("http://witten.autowartung.localhost.evil.example:8080/", false)]
    [InlineData("http://evilautowartung.localhost:8080/", false)]
    [InlineData("http://a.b.autowartung.localhost:8080/", false)]
    [InlineData("http://user@witten.autowartung.localhost:8080/", false)]
    [InlineData("javascript:alert(1)", false)]
    public void IsPlatformUrl_AcceptsOnlyThePlatformsOwnHosts(string url, bool accepted)
    {
        Assert.Equal(accepted, Local.IsPlatformUrl(new Uri(url)));
    }

    [Theory]
    [InlineData("kunde", LoginArea.Customer)]
    [InlineData("FAHRER", LoginArea.Jockey)]
    [InlineData("werkstatt", LoginArea.Workshop)]
    public void LoginAreas_RoundTripTheirSlugs(string slug, LoginArea area)
    {
        Assert.True(LoginAreas.TryParse(slug, out var parsed));
        Assert.Equal(area, parsed);
        Assert.Equal(slug.ToLowerInvariant(), parsed.Slug());
        Assert.False(LoginAreas.TryParse("chef", out _));
    }
}
