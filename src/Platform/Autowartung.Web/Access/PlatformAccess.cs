using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Web.Access;

/// <summary>
/// What a signed-in person may do on the platform: every request checked against their current access
/// (<see cref="AccessValidationMiddleware"/>), and the apps' <see cref="Policies"/> decided from it. The
/// session cookie and bearer tokens themselves are the service defaults' (<c>PlatformAuthentication</c>).
/// </summary>
public static class PlatformAccess
{
    public static IServiceCollection AddPlatformAccess(this IServiceCollection services)
    {
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementsHandler>();
        return services;
    }

    /// <summary><c>POST /abmelden</c> on every host: the session cookie is one for all hosts, so this signs out everywhere.</summary>
    public static IEndpointConventionBuilder MapSignOut(this WebApplication app) =>
        app.MapPost("/abmelden", async (HttpContext context, IAntiforgery antiforgery, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var userId = context.Features.Get<UserAccess>()?.UserId;
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (userId is not null) await audit.RecordAsync(AuditAction.SignedOut, context.GetAuditOrigin(), userId);
            return Results.Redirect("/");
        }).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription().WithMetadata(new ServesApexAttribute());

    public static AuditOrigin GetAuditOrigin(this HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
}

/// <summary>The signed-in person as the concierge's use cases ask for them.</summary>
public static class CallerExtensions
{
    /// <summary>Null when nobody is signed in. An admin counts as one only with the second factor, as the admin policy asks.</summary>
    public static Platform.Concierge.Caller? Caller(this HttpContext context) =>
        context.Features.Get<UserAccess>() is { } access
            ? new Platform.Concierge.Caller(access.UserId, access.IsPlatformAdmin && context.User.HasClaim("amr", "mfa"), access.WorkshopId)
            : null;
}
