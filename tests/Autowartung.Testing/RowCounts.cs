using Npgsql;

namespace Autowartung.Testing;

/// <summary>How many rows each table of a test database holds: compared before and after, it shows whether anything was written.</summary>
public static class RowCounts
{
    /// <summary>Every table but Quartz's own (<c>qrtz_*</c>), whose scheduler keeps its bookkeeping there while jobs run.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(this TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'qrtz\\_%' ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>The tables whose count changed, as <c>table: before → after</c>.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} → {after.GetValueOrDefault(t)}")
            .ToList();
}
