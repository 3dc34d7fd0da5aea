using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Authentication;

/// <summary>
/// A signed-in person without the right role gets the same 404 as for something that does not exist,
/// whether they came with the session cookie or a bearer token: a 403 would confirm there is something.
/// </summary>
internal sealed class NotFoundWhenForbidden : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = 404 } });
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
