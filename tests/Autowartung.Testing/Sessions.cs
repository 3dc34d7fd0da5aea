using System.Security.Claims;
using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Autowartung.Testing;

/// <summary>
/// A session for a person, protected by the app's own key ring exactly as the identity service
/// protects it, for in-process tests of what an app does with a signed-in person. That the identity
/// service issues these and every host accepts them is proven end to end in Chromium.
/// </summary>
public static class Sessions
{
    public static string Cookie(IServiceProvider app, PlatformUser user, bool secondFactor = false)
    {
        var options = app.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(Principal(user, secondFactor, IdentityConstants.ApplicationScheme), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    public static string BearerToken(IServiceProvider app, PlatformUser user, bool secondFactor = false)
    {
        var options = app.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(10) };
        var ticket = new AuthenticationTicket(Principal(user, secondFactor, IdentityConstants.BearerScheme), properties, IdentityConstants.BearerScheme);
        return options.BearerTokenProtector.Protect(ticket);
    }

    private static ClaimsPrincipal Principal(PlatformUser user, bool secondFactor, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.Email!),
            new("AspNet.Identity.SecurityStamp", user.SecurityStamp!),
        };
        if (secondFactor) claims.Add(new Claim("amr", "mfa"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
