using Autowartung.MultiTenancy.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Health;

public static class HealthEndpoints
{
    /// <summary>The tag of every check <c>/health/ready</c> runs; each app's wiring adds the checks of what it needs.</summary>
    public const string ReadyTag = "ready";

    internal static IServiceCollection AddPlatformHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every check tagged <see cref="ReadyTag"/>
    /// passes (the database, storage). Both answer on any host, with no tenant, and reveal no details.
    /// </summary>
    internal static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .ExcludeFromMultiTenantResolution().DisableHttpMetrics().AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .ExcludeFromMultiTenantResolution().DisableHttpMetrics().AllowAnonymous();
        return app;
    }
}
