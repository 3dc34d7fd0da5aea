using System.Security.Claims;
using Autowartung.Identity.Accounts;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Autowartung.Identity.Api;

/// <summary>
/// Tokens for API clients and the mobile apps: the framework's own bearer tokens, protected by the
/// shared key ring, so Tenant.Web and Admin.Web accept them too.
/// </summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Email, string? Password, string? Totp);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>The largest body the API takes: a refresh token is about 1 KB.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>The API's description at <c>/openapi/v1.json</c>.</summary>
    public static WebApplicationBuilder AddAuthApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static RouteGroupBuilder MapAuthApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").DisableAntiforgery().AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        group.MapPost("/login", LoginAsync).RequireRateLimiting(IdentityService.SignInLimit);
        group.MapPost("/refresh", RefreshAsync).RequireRateLimiting(IdentityService.SignInLimit);
        return group;
    }

    /// <summary>
    /// Email and password, plus the authenticator code where the account has a second factor (and it is
    /// required for platform admins and workshop staff). Every failure answers the same 401; a request
    /// without email or password is a 400 that says which is missing, and reveals nothing about accounts.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn,
        TwoFactorRule twoFactor, SignInFailures failures, AuditLog audit, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 256) missing["email"] = ["Bitte die E-Mail-Adresse angeben."];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024) missing["password"] = ["Bitte das Passwort angeben."];
        if (missing.Count > 0) return TypedResults.ValidationProblem(missing, title: "Anmeldung fehlgeschlagen.");

        var origin = context.GetAuditOrigin();
        var user = await users.FindByEmailAsync(request.Email!);
        if (user is null)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, origin, attemptedEmail: request.Email!, detail: "api, no such account", cancellationToken: cancellationToken);
            return Unauthorized();
        }

        var wasLockedOut = await failures.WasLockedOutAsync(user);
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
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

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<PlatformUser> signIn,
        TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Bitte den Refresh-Token angeben."] }, title: "Anmeldung fehlgeschlagen.");
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
