using System.Net;
using Autowartung.Testing;

namespace Autowartung.EndToEnd.Tests;

/// <summary>Every app behind the ingress has the platform's icon, at /favicon.ico and linked from its pages.</summary>
public sealed class FaviconTests
{
    [Theory]
    [InlineData("witten")]
    [InlineData(null)]
    [InlineData("admin")]
    [InlineData("id")]
    public async Task EveryApp_ServesTheIcon(string? host)
    {
        using var client = Ingress.CreateClient();

        using var root = await client.GetAsync(Ingress.Url(host, "/favicon.ico"));
        Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
        using var icon = await client.GetAsync(new Uri(Ingress.Url(host), root.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);   // an ICO file's header

        // The admin app's pages all need a sign-in: the identity service's sign-in page stands for it.
        var page = await client.GetStringAsync(Ingress.Url(host is "admin" or "id" ? "id" : host, host is "admin" or "id" ? "/anmelden" : "/"));
        Assert.Contains("rel=\"icon\" href=\"/_content/Autowartung.ServiceDefaults/favicon.svg\"", page);
        using var svg = await client.GetAsync(Ingress.Url(host, "/_content/Autowartung.ServiceDefaults/favicon.svg"));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }
}
