using System.Diagnostics;
using System.Text.RegularExpressions;
using Autowartung.MultiTenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace Autowartung.ServiceDefaults.Logging;

/// <summary>
/// One line per request through Serilog's request logging: method, route template (never the raw path or
/// its query string, so no ids, tokens or addresses), status, elapsed time, tenant and correlation id.
/// </summary>
public static partial class RequestLogging
{
    public const string CorrelationHeader = "X-Correlation-Id";

    private const string MessageTemplate = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms";

    public static IApplicationBuilder UsePlatformRequestLogging(this IApplicationBuilder app)
    {
        app.Use(WithCorrelationId);
        return app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = MessageTemplate;
            // The app's own logger: the static Log.Logger stays silent (see AddPlatformLogging).
            options.Logger = app.ApplicationServices.GetRequiredService<ILogger>();
            // Replaces Serilog's defaults: the route template instead of the path, so request lines group by endpoint.
            options.GetMessageTemplateProperties = (context, _, elapsedMs, statusCode) =>
            [
                new LogEventProperty("Method", new ScalarValue(context.Request.Method)),
                new LogEventProperty("Route", new ScalarValue(RouteOf(context))),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("ElapsedMs", new ScalarValue(elapsedMs)),
            ];
            // Called when the request is done, so the tenant resolved further down the pipeline is known.
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                if (context.Features.Get<IMultiTenantContext>()?.TenantInfo?.Identifier is { } tenant)
                    diagnostics.Set("Tenant", tenant);
            };
        });
    }

    /// <summary>
    /// The ingress's <c>X-Request-Id</c> when it sent a sane one, else the trace id: it becomes the request's
    /// <see cref="HttpContext.TraceIdentifier"/> (problem details show it), is echoed as <see cref="CorrelationHeader"/>,
    /// and is on every log event written during the request.
    /// </summary>
    private static async Task WithCorrelationId(HttpContext context, RequestDelegate next)
    {
        var correlationId = IncomingId(context) ?? Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.TraceIdentifier = correlationId;
        context.Response.Headers[CorrelationHeader] = correlationId;
        using (LogContext.PushProperty("CorrelationId", correlationId))
            await next(context);
    }

    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : "(unrouted)";

    private static string? IncomingId(HttpContext context)
    {
        foreach (var header in (string[])["X-Request-Id", CorrelationHeader])
            if (context.Request.Headers[header].ToString() is { Length: > 0 and <= 64 } value && SafeId().IsMatch(value))
                return value;
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeId();
}
