using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Autowartung.Platform.Data;

public static class PlatformDataExtensions
{
    public const string ConnectionStringName = "Platform";

    /// <summary>The database, the tenancy rules over it, and the city store behind a short cache.</summary>
    public static IHostApplicationBuilder AddPlatformData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
        builder.Services.AddDbContext<PlatformDbContext>(options => options.UsePlatformDatabase(connectionString));
        builder.Services.AddMultiTenant<CityTenantInfo>().WithStore<CityTenantStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static TBuilder UsePlatformDatabase<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"));
        return options;
    }
}
