using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Autowartung.Platform.Data;

/// <summary>For <c>dotnet ef</c>: builds the context from <c>ConnectionStrings__Platform</c> or the local dev database.</summary>
internal sealed class DesignTimePlatformDbContextFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    // Dev default only: the throwaway cluster ./dev.sh starts on loopback.
    private const string LocalDevDatabase = "Host=127.0.0.1;Port=55432;Database=platform;Username=app;Password=app";

    public PlatformDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Platform") ?? LocalDevDatabase;
        var options = new DbContextOptionsBuilder<PlatformDbContext>().UsePlatformDatabase(connectionString).Options;
        return new PlatformDbContext(options, new MultiTenantContextAccessor<CityTenantInfo>());
    }
}
