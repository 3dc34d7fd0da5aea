using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autowartung.Testing;

/// <summary>
/// A database of its own on the real local PostgreSQL server, migrated, dropped on dispose.
/// Tests never share rows with another fixture, so they run in parallel and need no reset.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    /// <summary>The server ./dev.sh test starts; the default is the local dev cluster (dev credentials only).</summary>
    public static string ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("AUTOWARTUNG_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=app;Password=app";

    public string Name { get; } = $"aw_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;

    public MultiTenantContextAccessor<CityTenantInfo> Tenancy { get; } = new();

    /// <summary>Whether <see cref="InitializeAsync"/> applies the migrations (off for the migration tests themselves).</summary>
    public bool Migrate { get; init; } = true;

    public async Task InitializeAsync()
    {
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"");
        if (!Migrate) return;
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public PlatformDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PlatformDbContext>().UsePlatformDatabase(ConnectionString).Options, Tenancy);

    /// <summary>The platform's services over this database, as the migrator has them (Identity's user manager included).</summary>
    public ServiceProvider CreateServices() =>
        new ServiceCollection().AddLogging().AddMemoryCache()
            .AddPlatformDatabase(ConnectionString).AddDemoSeeding()
            .BuildServiceProvider();

    /// <summary>Runs SQL beside EF, to see exactly what is stored.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (value, i) in parameters.Select((p, i) => (p, i))) command.Parameters.AddWithValue($"p{i}", value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (value, i) in parameters.Select((p, i) => (p, i))) command.Parameters.AddWithValue($"p{i}", value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
