using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Autowartung.Tenant.Web.Hosting;

public static class CityHosts
{
    /// <summary>Resolves the city from the host name: <c>witten.{BaseDomain}</c> → Witten.</summary>
    public static WebApplicationBuilder AddCityHosts(this WebApplicationBuilder builder)
    {
        builder.Services.AddMultiTenant<CityTenantInfo>().WithHostStrategy(_ => { });
        builder.Services.AddOptions<Autowartung.MultiTenancy.Strategies.HostStrategyOptions>()
            .Configure<IOptions<PlatformHostOptions>>((strategy, platform) =>
            {
                strategy.BaseDomain = platform.Value.BaseDomain;
                strategy.ReservedLabels = new HashSet<string>(CitySlug.Reserved, StringComparer.OrdinalIgnoreCase);
            });
        return builder;
    }

    /// <summary>Resolves the city of each request from its host.</summary>
    public static WebApplication UseCityHosts(this WebApplication app)
    {
        app.UseMultiTenant<CityTenantInfo>();
        return app;
    }

    /// <summary>
    /// Lets only known, public cities and the apex through, and a city still in onboarding to its own
    /// crew and the platform's admins. Call after tenant resolution and authentication, before authorization.
    /// </summary>
    public static WebApplication UseCityHostGate(this WebApplication app)
    {
        app.UseMiddleware<CityHostGate>();
        return app;
    }

    /// <summary>The stylesheet, scripts and icon: the same for every host, so no city is resolved for them, and public.</summary>
    public static WebApplication MapCityStaticAssets(this WebApplication app)
    {
        app.MapStaticAssets().ExcludeFromMultiTenantResolution().AllowAnonymous();
        return app;
    }
}
