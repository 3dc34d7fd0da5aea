using Autowartung.Platform.Cities;
using Autowartung.Platform.Geography;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Tests;

public sealed class ServiceAreaTests(TwoCities cities) : IClassFixture<TwoCities>
{
    [Fact]
    public async Task A_PostalCodeServedByAnotherCity_IsRefusedByTheDatabase()
    {
        await using var db = cities.Database.CreateContext();
        db.Cities.Add(City.Create("herdecke", "Herdecke", "Europe/Berlin", [PostalCode.Parse("58313"), PostalCode.Parse("58452")], DateTimeOffset.UtcNow));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)error.InnerException!).SqlState);
        Assert.Equal(0L, await cities.Database.ScalarAsync<long>("SELECT count(*) FROM cities WHERE slug = 'herdecke'"));
    }

    [Fact]
    public async Task ServiceArea_IsStoredAndReadBack()
    {
        await using var db = cities.Database.CreateContext();

        var witten = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");

        Assert.True(witten.Serves(PostalCode.Parse("58452")));
        Assert.False(witten.Serves(PostalCode.Parse("44135")));
    }
}
