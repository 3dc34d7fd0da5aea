using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>
/// Rate limits as every app answers them: 429 as problem details with a <c>Retry-After</c>. The apps name
/// their own policies (sign-in, account emails, waitlist sign-ups); the middleware runs in every app.
/// </summary>
public static class PlatformRateLimits
{
    public static IServiceCollection AddPlatformRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Zu viele Versuche. Bitte warten Sie einen Moment." },
                });
            };
        });

    /// <summary>Reading a form is free; submitting it counts against the client's address.</summary>
    public static RateLimitPartition<string> PostsPerClient(HttpContext context, Func<string, RateLimitPartition<string>> limiter) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : limiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
