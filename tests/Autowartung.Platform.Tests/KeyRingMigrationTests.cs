using System.Xml.Linq;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.DataProtection;
using Autowartung.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autowartung.Platform.Tests;

/// <summary>
/// The key ring moved from our own repository to Microsoft.AspNetCore.DataProtection.EntityFrameworkCore. Every
/// session cookie and emailed link is protected with a key in <c>data_protection_keys</c>, so a key written
/// before the upgrade must still unprotect after it, or everyone would be signed out.
/// </summary>
public sealed class KeyRingMigrationTests : IAsyncLifetime
{
    private const string KeyRingMigration = "_KeyRingThroughEntityFrameworkCore";

    private readonly TestDatabase _database = new() { Migrate = false };

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task KeyStoredBeforeTheMigration_StillUnprotects_ThroughTheNewStore()
    {
        await using var db = _database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith(KeyRingMigration, StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(previous);

        var before = new ServiceCollection().AddDataProtection().SetApplicationName(SharedKeyRing.ApplicationName).Services;
        before.Configure<KeyManagementOptions>(options => options.XmlRepository = new PreviousKeyRepository(_database));
        string ticket;
        await using (var old = before.BuildServiceProvider())
            ticket = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("sso").Protect("kunde-42");
        var keyId = await _database.ScalarAsync<string>("SELECT (xpath('/key/@id', xml::xml))[1]::text FROM data_protection_keys");

        await migrator.MigrateAsync();

        await using var after = new ServiceCollection().AddLogging()
            .AddPlatformDatabase(_database.ConnectionString).AddSharedKeyRing<PlatformDbContext>().BuildServiceProvider();
        Assert.Equal("kunde-42", after.GetRequiredService<IDataProtectionProvider>().CreateProtector("sso").Unprotect(ticket));
        var keys = after.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.Equal(keyId, Assert.Single(keys).KeyId.ToString());
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys"));
    }

    /// <summary>Stores keys exactly as our own repository did before the upgrade: one row per key, the XML unformatted.</summary>
    private sealed class PreviousKeyRepository(TestDatabase database) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName) =>
            database.ExecuteAsync("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@p0, @p1)",
                friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
