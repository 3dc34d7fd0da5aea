using System.Security.Claims;
using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Autowartung.Web.Access;

/// <summary>
/// Checks every authenticated request against the person's current access (cached for at most
/// <see cref="AccessOptions.CacheDuration"/>): a disabled person, or a session whose security stamp is
/// outdated (password changed, signed out everywhere), is treated as anonymous and its cookie removed.
/// What the person may do in this city is then read from the same snapshot by the policies.
/// </summary>
internal sealed class AccessValidationMiddleware(RequestDelegate next)
{
    public const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public async Task InvokeAsync(HttpContext context, UserAccessReader reader)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var access = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                ? await reader.ReadAsync(userId, context.RequestAborted)
                : null;
            var stamp = context.User.FindFirstValue(SecurityStampClaim);
            if (access is { IsEnabled: true } && stamp == access.SecurityStamp)
            {
                context.Features.Set(access);
            }
            else
            {
                if (context.User.Identity.AuthenticationType == IdentityConstants.ApplicationScheme)
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context, IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context);
    }
}
