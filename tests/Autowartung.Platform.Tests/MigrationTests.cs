using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly TestDatabase _empty = new() { Migrate = false };

    public Task InitializeAsync() => _empty.InitializeAsync();

    public Task DisposeAsync() => _empty.DisposeAsync();

    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_CreatesEveryTable()
    {
        await using var db = _empty.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var table in new[] { "cities", "city_postal_codes", "partner_workshops", "data_protection_keys" })
            Assert.Equal(1L, await _empty.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = @p0", table));
    }

    [Fact]
    public async Task Migrate_WhenRunTwice_ChangesNothing()
    {
        await using var db = _empty.CreateContext();
        await db.Database.MigrateAsync();

        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = _empty.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: run dotnet ef migrations add.");
    }
}
