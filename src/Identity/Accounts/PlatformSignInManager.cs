using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autowartung.Identity.Accounts;

/// <summary>The framework's sign-in manager, plus: a disabled person cannot sign in at all.</summary>
public sealed class PlatformSignInManager(
    UserManager<PlatformUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<PlatformUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PlatformUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PlatformUser> confirmation)
    : SignInManager<PlatformUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PlatformUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
