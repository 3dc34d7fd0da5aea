using System.Security.Claims;
using Autowartung.Identity.Accounts;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autowartung.Identity.Api;

/// <summary>
/// Tokens for API clients and the mobile apps: the framework's own bearer tokens, protected by the
/// shared key ring, so Tenant.Web and Admin.Web accept them too.
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string Email, string Password, string? Totp);

    public sealed record RefreshRequest(string RefreshToken);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/auth").WithTags("Auth").DisableAntiforgery().AllowAnonymous();
        group.MapPost("/login", LoginAsync).RequireRateLimiting(IdentityService.SignInLimit);
        group.MapPost("/refresh", RefreshAsync).RequireRateLimiting(IdentityService.SignInLimit);
        return group;
    }

    /// <summary>
    /// Email and password, plus the authenticator code where the account has a second factor (and it is
    /// required for platform admins and workshop staff). Every failure answers the same 401.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn,
        TwoFactorRule twoFactor, SignInFailures failures, AuditLog audit, CancellationToken cancellationToken)
    {
        var origin = context.GetAuditOrigin();
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, origin, attemptedEmail: request.Email ?? "", detail: "api, no such account", cancellationToken: cancellationToken);
            return Unauthorized();
        }

        var wasLockedOut = await failures.WasLockedOutAsync(user);
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await failures.RecordAsync(user, check, wasLockedOut, "password (api)", origin, null, cancellationToken);
            return Unauthorized();
        }

        var needsCode = user.TwoFactorEnabled || await twoFactor.IsRequiredAsync(user, cancellationToken);
        var claims = new List<Claim>();
        if (needsCode)
        {
            var code = new string((request.Totp ?? "").Where(char.IsAsciiDigit).ToArray());
            if (!user.TwoFactorEnabled || code.Length == 0
                || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                if (code.Length > 0) await users.AccessFailedAsync(user);
                await audit.RecordAsync(AuditAction.SignInFailed, origin, user.Id, detail: "api, second factor missing or wrong", cancellationToken: cancellationToken);
                return Unauthorized(code.Length == 0 ? "totp_required" : null);
            }
            claims.Add(new Claim("amr", "mfa"));
        }

        await users.ResetAccessFailedCountAsync(user);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(claims);
        await audit.RecordAsync(AuditAction.TokenIssued, origin, user.Id, cancellationToken: cancellationToken);
        // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken }.
        await context.SignInAsync(IdentityConstants.BearerScheme, principal);
        return TypedResults.Empty;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<PlatformUser> signIn,
        TimeProvider clock)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
            return Unauthorized();

        // A disabled person, or one whose password changed since, gets no new token.
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
            return Unauthorized();

        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (ticket.Principal.HasClaim("amr", "mfa")) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("amr", "mfa"));
        await context.SignInAsync(IdentityConstants.BearerScheme, principal);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult Unauthorized(string? reason = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Anmeldung fehlgeschlagen.", detail: reason);
}
