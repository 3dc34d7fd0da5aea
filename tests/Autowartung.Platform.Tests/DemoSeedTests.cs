using Autowartung.Platform.Cities;
using Autowartung.Platform.Demo;
using Autowartung.Testing;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Tests;

public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Run_Twice_SeedsWittenAndDortmundOnceEach()
    {
        var file = Path.Combine(Path.GetTempPath(), $"demo-users-{Guid.NewGuid():N}.json");
        await using var services = _database.CreateServices();
        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync(file);
        }

        await using var check = _database.CreateContext();
        var seeded = await check.Cities.AsNoTracking().OrderBy(c => c.Slug).Select(c => new { c.Slug, c.Status, Codes = c.ServiceArea.Count }).ToListAsync();
        Assert.Equal(["dortmund", "witten"], seeded.Select(c => c.Slug));
        Assert.Equal([CityStatus.Live, CityStatus.Pilot], seeded.Select(c => c.Status));
        Assert.Equal(5, seeded.Single(c => c.Slug == "witten").Codes);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM partner_workshops"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(DISTINCT tenant_id) FROM partner_workshops"));
        Assert.Equal(4L, await _database.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(3L, await _database.ScalarAsync<long>("SELECT count(*) FROM memberships"));

        var logins = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.EnumerateArray().ToList();
        File.Delete(file);
        Assert.Equal(["Customer", "Jockey", "WorkshopStaff", "PlatformAdmin"], logins.Select(l => l.GetProperty("role").GetString()));
        Assert.All(logins, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("password").GetString())));
        Assert.Equal(JsonValueKind.Null, logins[0].GetProperty("totpSecret").ValueKind);
        Assert.Matches("^[A-Z2-7]{32}$", logins[3].GetProperty("totpSecret").GetString());
    }
}
