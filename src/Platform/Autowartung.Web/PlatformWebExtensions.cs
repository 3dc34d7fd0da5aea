using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Storage;
using Autowartung.Platform.Waitlist;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.DataProtection;
using Autowartung.ServiceDefaults.Health;
using Autowartung.Web.Access;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Web;

/// <summary>
/// What every app of the platform wires the same way on top of the service defaults: the platform's data and
/// storage (and their readiness), the shared key ring in that database, who may do what, and the links
/// the use cases send people. The outbox's sender is each app's own call (it needs the database at start).
/// </summary>
public static class PlatformWebExtensions
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.AddPlatformData();
        builder.AddBlobStorage();
        builder.Services.AddSharedKeyRing<PlatformDbContext>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PlatformDbContext>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<BlobStorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag]);
        builder.Services.AddPlatformAccess();
        builder.Services.AddSingleton<CustomerReferences>();
        builder.Services.AddScoped<ICustomerLinks, CityCustomerLinks>();
        builder.Services.AddSingleton<WaitlistLinks>();
        builder.Services.AddSingleton<IWaitlistLinks>(services => services.GetRequiredService<WaitlistLinks>());
        return builder;
    }

    /// <summary>
    /// Who is asking: authentication and the check against their current access. Call after tenant
    /// resolution; what needs to know the person (a host gate, say) goes between this and
    /// <see cref="UsePlatformAuthorization"/>.
    /// </summary>
    public static WebApplication UsePlatformAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AccessValidationMiddleware>();
        return app;
    }

    /// <summary>What they may do: the endpoints' policies, and antiforgery on forms.</summary>
    public static WebApplication UsePlatformAuthorization(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The endpoints on every host: the service defaults' (health, language switch, icon) and the platform's sign-out.</summary>
    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapSignOut();
        return app;
    }
}
