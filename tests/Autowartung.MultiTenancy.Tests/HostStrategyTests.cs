using Autowartung.MultiTenancy.Strategies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.Tests;

public sealed class HostStrategyTests
{
    private readonly HostStrategy _strategy = new(Options.Create(new HostStrategyOptions { BaseDomain = "autowartung.de" }));

    [Theory]
    [InlineData("witten.autowartung.de", HostKind.TenantCandidate, "witten")]
    [InlineData("WITTEN.Autowartung.DE", HostKind.TenantCandidate, "witten")]
    [InlineData("witten.autowartung.de.", HostKind.TenantCandidate, "witten")]
    [InlineData("bad-homburg.autowartung.de", HostKind.TenantCandidate, "bad-homburg")]
    [InlineData("autowartung.de", HostKind.Apex, null)]
    [InlineData("www.autowartung.de", HostKind.Reserved, "www")]
    [InlineData("admin.autowartung.de", HostKind.Reserved, "admin")]
    [InlineData("id.autowartung.de", HostKind.Reserved, "id")]
    [InlineData("api.autowartung.de", HostKind.Reserved, "api")]
    [InlineData("a.witten.autowartung.de", HostKind.Foreign, null)]
    [InlineData("-witten.autowartung.de", HostKind.Foreign, null)]
    [InlineData("witten_.autowartung.de", HostKind.Foreign, null)]
    [InlineData("wittenautowartung.de", HostKind.Foreign, null)]
    [InlineData("witten.autowartung.de.evil.example", HostKind.Foreign, null)]
    [InlineData("127.0.0.1", HostKind.Foreign, null)]
    public void Classify_SortsHostsIntoKinds(string host, HostKind kind, string? label)
    {
        Assert.Equal((kind, label), _strategy.Classify(host));
    }

    [Theory]
    [InlineData("witten.autowartung.de", 443, "witten")]
    [InlineData("dortmund.autowartung.de", 8080, "dortmund")]
    [InlineData("www.autowartung.de", 443, null)]
    [InlineData("autowartung.de", 443, null)]
    [InlineData("evil.example", 443, null)]
    public async Task GetIdentifierAsync_ReturnsOnlyTenantLabels(string host, int port, string? identifier)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host, port);

        Assert.Equal(identifier, await _strategy.GetIdentifierAsync(context));
    }

    [Fact]
    public void Classify_WithoutBaseDomain_RefusesToGuess()
    {
        var unconfigured = new HostStrategy(Options.Create(new HostStrategyOptions()));

        Assert.Throws<InvalidOperationException>(() => unconfigured.Classify("witten.autowartung.de"));
    }
}
