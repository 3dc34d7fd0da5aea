using System.Diagnostics;
using System.Text.RegularExpressions;
using Autowartung.MultiTenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace Autowartung.ServiceDefaults.Logging;

/// <summary>
/// Gives each request a correlation id (the ingress's <c>X-Request-Id</c> when it sent a sane one), echoes
/// it as <c>X-Correlation-Id</c>, and writes one line per request: method, route template (not the raw
/// path, so no ids or query strings), status and duration.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = IncomingId(context) ?? Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.TraceIdentifier = correlationId;
        context.Response.Headers[CorrelationHeader] = correlationId;

        using var _ = LogContext.PushProperty("CorrelationId", correlationId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : "(unrouted)";
            var tenant = context.Features.Get<IMultiTenantContext>()?.TenantInfo?.Identifier;
            using (LogContext.PushProperty("Tenant", tenant))
            {
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private static string? IncomingId(HttpContext context)
    {
        foreach (var header in (string[])["X-Request-Id", CorrelationHeader])
            if (context.Request.Headers[header].ToString() is { Length: > 0 and <= 64 } value && SafeId().IsMatch(value))
                return value;
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeId();
}
