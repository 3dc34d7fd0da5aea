using Autowartung.MultiTenancy;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Autowartung.ServiceDefaults.Authentication;

/// <summary>
/// Single sign-on: one session cookie on the parent domain, protected by the shared key ring, read by
/// every app; bearer tokens (the framework's own) for API clients. Both name the same schemes in every
/// app, which is what lets one app read what another issued. What a person may do (the policies) is the
/// platform's: see <c>Autowartung.Web.Access</c>.
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

        services.AddAuthorization();
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
        var city = http.Features.Get<IMultiTenantContext>()?.TenantInfo;
        var area = city is null ? LoginArea.Admin
            : http.Request.Path.StartsWithSegments("/jockey") ? LoginArea.Jockey
            : http.Request.Path.StartsWithSegments("/workshop") ? LoginArea.Workshop
            : LoginArea.Customer;
        var here = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}");
        context.Response.Redirect(urls.SignIn(city?.Identifier, area, urls.IsPlatformUrl(here) ? here : null).ToString());
        return Task.CompletedTask;
    }
}
