using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Microsoft.EntityFrameworkCore;

// Usage: Autowartung.Migrator [migrate] [seed-demo]   (ConnectionStrings__Platform from the environment)
var steps = args.Length > 0 ? args : ["migrate"];
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Platform")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Platform.");

var options = new DbContextOptionsBuilder<PlatformDbContext>().UsePlatformDatabase(connectionString).Options;
var tenancy = new MultiTenantContextAccessor<CityTenantInfo>();
await using var db = new PlatformDbContext(options, tenancy);

foreach (var step in steps)
{
    switch (step)
    {
        case "migrate":
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            Console.WriteLine(pending.Count == 0 ? "database is up to date" : $"applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            break;
        case "seed-demo":
            await new DemoSeed(db, tenancy, TimeProvider.System).RunAsync();
            Console.WriteLine("demo data is in place");
            break;
        default:
            Console.Error.WriteLine($"unknown step '{step}'; use migrate and/or seed-demo");
            return 2;
    }
}
return 0;
