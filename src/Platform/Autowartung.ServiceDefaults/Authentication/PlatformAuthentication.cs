using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Autowartung.ServiceDefaults.Authentication;

/// <summary>
/// Single sign-on: one session cookie on the parent domain, protected by the shared key ring, read by
/// every app; bearer tokens (the framework's own) for API clients. Both name the same schemes in every
/// app, which is what lets one app read what another issued.
/// </summary>
public static class PlatformAuthentication
{
    public const string SessionCookieName = "__aw_session";
    private const string SelectorScheme = "Platform";

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromMinutes(30);
                options.RefreshTokenExpiration = TimeSpan.FromDays(14);
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<PlatformHostOptions>>((cookie, host) => ConfigureSessionCookie(cookie, host.Value));

        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementsHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, NotFoundWhenForbidden>();
        return services;
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie, PlatformHostOptions host)
    {
        cookie.Cookie.Name = SessionCookieName;
        cookie.Cookie.Domain = "." + host.BaseDomain;   // every host of the platform
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = host.PublicScheme == "https" ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        cookie.SlidingExpiration = true;
        cookie.Events.OnRedirectToLogin = RedirectToSignInAsync;
    }

    /// <summary>Anonymous visitors go to the identity service's sign-in for this city and area; API callers get a 401.</summary>
    private static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var urls = http.RequestServices.GetRequiredService<PlatformUrls>();
        var city = http.GetTenantInfo<CityTenantInfo>();
        var area = city is null ? LoginArea.Admin
            : http.Request.Path.StartsWithSegments("/jockey") ? LoginArea.Jockey
            : http.Request.Path.StartsWithSegments("/workshop") ? LoginArea.Workshop
            : LoginArea.Customer;
        var here = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}");
        context.Response.Redirect(urls.SignIn(city?.Identifier, area, urls.IsPlatformUrl(here) ? here : null).ToString());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Who is asking: authentication and the check against their current access. Call after tenant
    /// resolution; what needs to know the person (a host gate, say) goes between this and
    /// <see cref="UsePlatformAuthorization"/>.
    /// </summary>
    public static WebApplication UsePlatformAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AccessValidationMiddleware>();
        return app;
    }

    /// <summary>What they may do: the endpoints' policies, and antiforgery on forms.</summary>
    public static WebApplication UsePlatformAuthorization(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary><c>POST /abmelden</c> on every host: the session cookie is one for all hosts, so this signs out everywhere.</summary>
    public static IEndpointConventionBuilder MapSignOut(this WebApplication app) =>
        app.MapPost("/abmelden", async (HttpContext context, IAntiforgery antiforgery, AuditLog audit, PlatformUrls urls) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            var userId = context.Features.Get<Platform.Accounts.UserAccess>()?.UserId;
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (userId is not null) await audit.RecordAsync(AuditAction.SignedOut, context.GetAuditOrigin(), userId);
            return Results.Redirect("/");
        }).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription().WithMetadata(new Hosting.ServesApexAttribute());

    public static AuditOrigin GetAuditOrigin(this HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
}
