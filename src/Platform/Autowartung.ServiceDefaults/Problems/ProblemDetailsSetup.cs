using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>Every error answers as a ProblemDetails: JSON for API clients, a plain page for browsers.</summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        // Registered first, so it is asked before the default JSON writer.
        services.AddSingleton<IProblemDetailsWriter, HtmlProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
            // Exception details never leave the server, in any environment.
            context.ProblemDetails.Extensions.Remove("exception");
            if (context.ProblemDetails.Status >= 500) context.ProblemDetails.Detail = null;
        });
        return services;
    }

    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
