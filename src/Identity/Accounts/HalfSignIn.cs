using System.Security.Claims;
using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Autowartung.Identity.Accounts;

/// <summary>
/// Remembers, for five minutes and on this host only, who passed the password step but still has to
/// set up a second factor: the same cookie, in the same shape, Identity uses between password and code.
/// </summary>
public static class HalfSignIn
{
    public static Task RememberAsync(HttpContext context, PlatformUser user) =>
        context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme)));
}
