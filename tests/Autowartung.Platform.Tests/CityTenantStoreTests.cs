using Autowartung.Platform.Cities;

namespace Autowartung.Platform.Tests;

public sealed class CityTenantStoreTests(TwoCities cities) : IClassFixture<TwoCities>
{
    [Fact]
    public async Task TryGetByIdentifier_FindsTheCityBySlug()
    {
        await using var db = cities.Database.CreateContext();
        var store = new CityTenantStore(db);

        var witten = await store.TryGetByIdentifierAsync("witten");

        Assert.Equal(cities.Witten, witten);
        Assert.Equal(CityStatus.Pilot, witten!.Status);
        Assert.Equal("Europe/Berlin", witten.TimeZone.Id);
    }

    [Fact]
    public async Task TryGet_FindsTheCityById_AndNothingForAnUnknownOne()
    {
        await using var db = cities.Database.CreateContext();
        var store = new CityTenantStore(db);

        Assert.Equal(cities.Dortmund, await store.TryGetAsync(cities.Dortmund.Id));
        Assert.Null(await store.TryGetAsync(Guid.NewGuid()));
        Assert.Null(await store.TryGetByIdentifierAsync("bochum"));
    }
}
