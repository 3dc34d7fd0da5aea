using System.Text.Encodings.Web;
using System.Text.Unicode;
using Autowartung.ServiceDefaults.Authentication;
using Autowartung.ServiceDefaults.Health;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.ServiceDefaults.Localization;
using Autowartung.ServiceDefaults.Logging;
using Autowartung.ServiceDefaults.Problems;
using Autowartung.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults;

/// <summary>
/// What every Autowartung web app does the same way, knowing no domain: each Program.cs calls these three.
/// The platform's own wiring (its database, key ring store, policies) comes from <c>Autowartung.Web</c>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddPlatformLogging();
        builder.AddPlatformTelemetry();
        builder.Services.AddOptions<PlatformHostOptions>()
            .BindConfiguration(PlatformHostOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PlatformUrls>();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            // Behind the ingress on loopback (the default trusted proxy); the Host header is passed through as is.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddPlatformHealthChecks();
        builder.Services.AddPlatformLocalization();
        builder.Services.AddPlatformAuthentication();
        builder.Services.AddPlatformRateLimits();
        builder.Services.AddRazorPages().AddViewLocalization();
        // German pages: write umlauts and ß as they are instead of as numeric character references.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>The shared front of the pipeline, ending with routing so that later middleware sees the endpoint.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UsePlatformRequestLogging();
        app.UseTenantTelemetry();
        app.UsePlatformProblemDetails();
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseInputGuard();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapLanguageSwitch();
        // Browsers and tools ask for /favicon.ico of any page, HTML or not; the icon itself is a static asset of this library.
        app.MapGet("/favicon.ico", () => Results.Redirect("/_content/Autowartung.ServiceDefaults/favicon.ico", permanent: true))
            .AllowAnonymous().ExcludeFromDescription().WithMetadata(new ServesApexAttribute());
        return app;
    }
}
