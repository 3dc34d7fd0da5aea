using System.Text.Json;
using Autowartung.Platform.Data.Migrations;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

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

    [Fact]
    public async Task TimelineEventCodes_ReadsTheStoredSentencesBackIntoCodes_AndDownWritesThemAgain()
    {
        // The migration's own SQL, run on a table of the same name and shape: only the events column matters to it.
        var migration = new TimelineEventCodes();
        var up = Assert.IsType<SqlOperation>(Assert.Single(migration.UpOperations)).Sql;
        var down = Assert.IsType<SqlOperation>(Assert.Single(migration.DownOperations)).Sql;
        const string before =
            """
            [{"At": "2026-11-20T10:00:00+00:00", "Note": "Termin reserviert, Zahlung ausstehend", "Status": "PendingPayment"},
             {"At": "2026-11-20T10:05:00+00:00", "Note": "Zahlung eingegangen, Buchung bestätigt", "Status": "Confirmed"},
             {"At": "2026-11-21T09:00:00+00:00", "Note": "Von der Werkstatt storniert: Hebebühne defekt: bis Montag", "Status": "Cancelled"}]
            """;
        await _empty.ExecuteAsync("CREATE TABLE bookings (id int PRIMARY KEY, events jsonb)");
        await _empty.ExecuteAsync("INSERT INTO bookings VALUES (1, @p0::jsonb), (2, NULL)", before);

        await _empty.ExecuteAsync(up);

        var events = JsonDocument.Parse((await _empty.ScalarAsync<string>("SELECT events::text FROM bookings WHERE id = 1"))!).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Held", "Confirmed", "CancelledByStaff"], events.Select(e => e.GetProperty("Code").GetString()));
        Assert.Equal("Hebebühne defekt: bis Montag", events[2].GetProperty("Detail").GetString());
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("Detail").ValueKind);
        Assert.Equal("2026-11-21T09:00:00+00:00", events[2].GetProperty("At").GetString());
        Assert.All(events, e => Assert.False(e.TryGetProperty("Note", out _)));
        Assert.Null(await _empty.ScalarAsync<string>("SELECT events::text FROM bookings WHERE id = 2"));

        await _empty.ExecuteAsync(down);

        Assert.True(await _empty.ScalarAsync<bool>("SELECT events = @p0::jsonb FROM bookings WHERE id = 1", before));
    }

    [Fact]
    public async Task JockeyShiftsNeverOverlap_KeepsTheFirstOfOverlappingShifts_ThenRefusesAnOverlap()
    {
        // The migration's own SQL, on a table of the same name and shape.
        var migration = new JockeyShiftsNeverOverlap();
        var up = migration.UpOperations.OfType<SqlOperation>().Single().Sql;
        var down = migration.DownOperations.OfType<SqlOperation>().Single().Sql;
        await _empty.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS btree_gist");
        await _empty.ExecuteAsync("CREATE TABLE jockey_shifts (tenant_id uuid, id uuid PRIMARY KEY, jockey_user_id uuid, day varchar(10), start time, \"end\" time)");
        Guid city = Guid.NewGuid(), jockey = Guid.NewGuid();
        // Version-7 ids made a second apart sort by creation (within one millisecond their order is random).
        var at = DateTimeOffset.UtcNow;
        Guid first = Guid.CreateVersion7(at), raced = Guid.CreateVersion7(at.AddSeconds(1)), later = Guid.CreateVersion7(at.AddSeconds(2)), otherDay = Guid.CreateVersion7(at.AddSeconds(3));
        await _empty.ExecuteAsync(
            """
            INSERT INTO jockey_shifts VALUES
              (@p0, @p2, @p1, 'Monday', '06:00', '14:00'), (@p0, @p3, @p1, 'Monday', '13:00', '18:00'),
              (@p0, @p4, @p1, 'Monday', '18:00', '22:00'), (@p0, @p5, @p1, 'Tuesday', '06:00', '14:00')
            """, city, jockey, first, raced, later, otherDay);

        await _empty.ExecuteAsync(up);

        Assert.Equal(3L, await _empty.ScalarAsync<long>("SELECT count(*) FROM jockey_shifts"));
        Assert.False(await _empty.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM jockey_shifts WHERE id = @p0)", raced));
        var overlap = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _empty.ExecuteAsync(
            "INSERT INTO jockey_shifts VALUES (@p0, @p1, @p2, 'Tuesday', '13:59', '15:00')", city, Guid.NewGuid(), jockey));
        Assert.Equal(Npgsql.PostgresErrorCodes.ExclusionViolation, overlap.SqlState);
        await _empty.ExecuteAsync("INSERT INTO jockey_shifts VALUES (@p0, @p1, @p2, 'Tuesday', '14:00', '15:00')", city, Guid.NewGuid(), jockey);   // touching is fine

        await _empty.ExecuteAsync(down);
        await _empty.ExecuteAsync("INSERT INTO jockey_shifts VALUES (@p0, @p1, @p2, 'Tuesday', '13:59', '15:00')", city, Guid.NewGuid(), jockey);
    }
}
