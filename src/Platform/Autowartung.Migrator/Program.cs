using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: Autowartung.Migrator [migrate] [seed-demo]
//   ConnectionStrings__Platform  the database;  DEMO_USERS_FILE  where seed-demo writes the demo logins
var steps = args.Length > 0 ? args : ["migrate"];
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Platform")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Platform.");

await using var provider = new ServiceCollection().AddLogging().AddMemoryCache()
    .AddPlatformDatabase(connectionString).AddDemoSeeding()
    .BuildServiceProvider();

foreach (var step in steps)
{
    await using var scope = provider.CreateAsyncScope();
    switch (step)
    {
        case "migrate":
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            Console.WriteLine(pending.Count == 0 ? "database is up to date" : $"applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            break;
        case "seed-demo":
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync(Environment.GetEnvironmentVariable("DEMO_USERS_FILE"));
            Console.WriteLine("demo data is in place");
            break;
        default:
            Console.Error.WriteLine($"unknown step '{step}'; use migrate and/or seed-demo");
            return 2;
    }
}
return 0;
