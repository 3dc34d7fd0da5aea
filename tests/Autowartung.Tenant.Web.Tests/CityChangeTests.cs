using System.Net;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>A city changed by another instance (the admin app, say) shows here at once, not after the cache's 30 s.</summary>
public sealed class CityChangeTests(TenantWebApp app) : IClassFixture<TenantWebApp>
{
    [Fact]
    public async Task ACityThatGoesPublicElsewhere_OpensHere_AsSoonAsThePlatformSaysSo()
    {
        await app.Database.AddCityAsync("sprockhoevel", "Sprockhövel", CityStatus.Onboarding, ["45549"], "Werkstatt Sprockhövel");
        using var visitor = app.Factory.ClientForCity("sprockhoevel");
        using (var before = await visitor.GetAsync("/"))
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);   // and this instance now holds the city, in onboarding, for 30 s

        // Another instance, with a cache of its own, moves the city and tells the platform.
        await using (var elsewhere = app.Database.CreateServices())
        await using (var scope = elsewhere.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var city = await db.Cities.SingleAsync(c => c.Slug == "sprockhoevel");
            city.MoveTo(CityStatus.Pilot);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<CityChanges>().PublishAsync(city);
        }

        var status = HttpStatusCode.NotFound;
        for (var deadline = DateTime.UtcNow.AddSeconds(5); status != HttpStatusCode.OK && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            using var after = await visitor.GetAsync("/");
            status = after.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef witten", true)]
    [InlineData("witten", false)]
    [InlineData("not-a-guid witten", false)]
    [InlineData("0123456789abcdef0123456789abcdef witten extra", false)]
    public void Payload_CarriesIdAndSlugOnly(string payload, bool valid)
    {
        Assert.Equal(valid, CityChanges.TryParse(payload, out var id, out var slug));
        if (valid) Assert.Equal(("0123456789abcdef0123456789abcdef", "witten"), (id.ToString("N"), slug));
    }
}
