using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Scheduling;
using Autowartung.Testing;
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
        // The four logins and the two more jockeys of Witten and three of Dortmund that going public needs.
        Assert.Equal(9L, await _database.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(8L, await _database.ScalarAsync<long>("SELECT count(*) FROM memberships"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE is_test AND status = 'Completed'"));
        Assert.Equal(4L, await _database.ScalarAsync<long>("SELECT count(*) FROM replacement_cars"));
        Assert.Equal(3L, await _database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'CityStatusChanged'"));   // through the gate once

        var logins = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.EnumerateArray().ToList();
        File.Delete(file);
        Assert.Equal(["Customer", "Jockey", "WorkshopStaff", "PlatformAdmin"], logins.Select(l => l.GetProperty("role").GetString()));
        Assert.All(logins, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("password").GetString())));
        Assert.Equal(JsonValueKind.Null, logins[0].GetProperty("totpSecret").ValueKind);
        Assert.Matches("^[A-Z2-7]{32}$", logins[3].GetProperty("totpSecret").GetString());
    }

    /// <summary>
    /// Every public demo city meets what its status claims: all seven expansion criteria, assessed by the product itself,
    /// at several hours of the week (a Friday evening included, when Saturday's morning window is past the lead time), and
    /// it offers a free slot on each working day of the coming two weeks.
    /// </summary>
    [Theory]
    [InlineData("2026-12-02T09:00:00Z")]   // Wednesday morning
    [InlineData("2026-12-04T20:30:00Z")]   // Friday evening
    [InlineData("2026-12-05T23:30:00Z")]   // Saturday night, local Sunday
    [InlineData("2027-03-26T21:00:00Z")]   // the Friday before the clocks go forward
    public async Task Run_MakesEveryPublicDemoCityMeetEveryCriterion_AndBookable(string instant)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddLogging().AddMemoryCache()
            .AddPlatformDatabase(_database.ConnectionString).AddDemoSeeding().BuildServiceProvider();
        await using (var seed = services.CreateAsyncScope())
            await seed.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var cities = await db.Cities.AsNoTracking().Where(c => c.Status != CityStatus.Onboarding).ToListAsync();
        Assert.Equal(["dortmund", "witten"], cities.Select(c => c.Slug).Order());
        foreach (var city in cities)
        {
            using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo());
            var criteria = await scope.ServiceProvider.GetRequiredService<AssessReadiness>().RunAsync();
            Assert.Equal(7, criteria.Count);
            Assert.All(criteria, c => Assert.True(c.Met, $"{city.Slug}: {c.Title}: {c.Evidence}"));

            var workshop = await db.PartnerWorkshops.AsNoTracking().Select(w => w.Id).SingleAsync();
            var days = (await scope.ServiceProvider.GetRequiredService<FindSlots>().RunAsync(workshop)).Select(s => s.Date).ToHashSet();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), city.ToTenantInfo().TimeZone).DateTime);
            Assert.All(Enumerable.Range(2, 12).Select(today.AddDays).Where(d => d.DayOfWeek != DayOfWeek.Sunday), d => Assert.Contains(d, days));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
