using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Storage;
using Autowartung.Platform.Waitlist;
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
/// the use cases send people.
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

    /// <summary>The platform's endpoints on every host, beside the service defaults' health and language switch.</summary>
    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.MapSignOut();
        return app;
    }
}
