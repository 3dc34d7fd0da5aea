using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>
    /// What a body may weigh where its route says nothing: a page's form is a few KB, Stripe's events stay
    /// under 256 KB. An API group or an upload names its own limit (<c>RequestSizeLimit</c>), smaller or larger.
    /// </summary>
    public const long DefaultMaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Every error answers as a ProblemDetails in the request's language: JSON for API clients, a plain
    /// page for browsers. Bad input of any kind is a 4xx that names the field, never a 500.
    /// </summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        // Registered first, so it is asked before the default JSON writer.
        services.AddSingleton<IProblemDetailsWriter, HtmlProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
            // Exception details never leave the server, in any environment.
            problem.Extensions.Remove("exception");
            if (problem.Status >= 500) problem.Detail = null;

            problem.Title = ProblemText.TitleFor(problem.Status, problem.Title) is { } title ? ProblemText.Localize(context.HttpContext, title) : null;
            if (problem.Detail is { } detail) problem.Detail = ProblemText.Localize(context.HttpContext, detail);
            if (problem is HttpValidationProblemDetails validation)
                foreach (var field in validation.Errors.Keys.ToList())
                    validation.Errors[field] = validation.Errors[field].Select(m => ProblemText.Localize(context.HttpContext, m)).ToArray();
        });

        // A request the framework cannot bind throws in every environment (the default throws only in
        // Development, and answers an empty 400 elsewhere), so that BadRequestProblems answers it alike.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new PlainTextJsonConverter()));
        return services;
    }

    public static WebApplication UsePlatformProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Call right after routing: refuses oversized bodies, non-UTF-8 JSON and control characters before anything reads them.</summary>
    public static WebApplication UseInputGuard(this WebApplication app)
    {
        app.UseMiddleware<InputGuard>();
        return app;
    }
}
