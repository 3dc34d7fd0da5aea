using Autowartung.MultiTenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Autowartung.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics of ASP.NET Core, every HttpClient (Stripe's calls among them) and Npgsql, with the
/// city as an attribute. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nowhere
/// otherwise. No personal data: query strings are dropped from every URL tag, SQL carries parameters, not values.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>The city's identifier (its subdomain), on the server span and the request metrics.</summary>
    public const string TenantAttribute = "autowartung.tenant";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(options =>
                {
                    options.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri) activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                    };
                })
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// Tags the request's span and metrics with its city once the request is done, because the city is
    /// resolved further down the pipeline (and only by the apps that have cities).
    /// </summary>
    public static IApplicationBuilder UseTenantTelemetry(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                if (context.Features.Get<IMultiTenantContext>()?.TenantInfo?.Identifier is { } tenant)
                {
                    context.Features.Get<IHttpActivityFeature>()?.Activity.SetTag(TenantAttribute, tenant);
                    context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(TenantAttribute, tenant));
                }
            }
        });
}
