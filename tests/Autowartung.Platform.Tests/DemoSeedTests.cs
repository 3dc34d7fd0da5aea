using Autowartung.Platform.Cities;
using Autowartung.Platform.Demo;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Tests;

public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Run_Twice_SeedsWittenAndDortmundOnceEach()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var db = _database.CreateContext();
            await new DemoSeed(db, _database.Tenancy, TimeProvider.System).RunAsync();
        }

        await using var check = _database.CreateContext();
        var seeded = await check.Cities.AsNoTracking().OrderBy(c => c.Slug).Select(c => new { c.Slug, c.Status, Codes = c.ServiceArea.Count }).ToListAsync();
        Assert.Equal(["dortmund", "witten"], seeded.Select(c => c.Slug));
        Assert.Equal([CityStatus.Live, CityStatus.Pilot], seeded.Select(c => c.Status));
        Assert.Equal(5, seeded.Single(c => c.Slug == "witten").Codes);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM partner_workshops"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(DISTINCT tenant_id) FROM partner_workshops"));
    }
}
