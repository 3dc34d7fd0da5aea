using System.Threading.RateLimiting;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Accounts;

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (pages and API) per client address and minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Registrations and password-reset requests per client address and ten minutes.</summary>
    public int AccountEmailsPerTenMinutes { get; set; } = 5;
}

public static class IdentityService
{
    public const string SignInLimit = "sign-in";
    public const string AccountEmailLimit = "account-emails";

    /// <summary>ASP.NET Core Identity on the platform database, with the rules of the identity service.</summary>
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<PlatformUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B); a breached-password check can come later.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddSignInManager<PlatformSignInManager>()
            .AddErrorDescriber<GermanIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SignInLinkTokenProvider>(SignInLinkTokenProvider.ProviderName);
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

        // The half-way states of a sign-in live on this host only, for five minutes.
        builder.Services.AddAuthentication()
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "__aw_2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "__aw_2fa_remember");

        builder.Services.AddScoped<TwoFactorRule>();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddScoped<SignInFailures>();
        builder.Services.AddRateLimits(builder.Configuration);
        return builder;
    }

    private static void AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Zu viele Versuche. Bitte warten Sie einen Moment." },
                });
            };
            options.AddPolicy(SignInLimit, context => RateLimitPartition.GetSlidingWindowLimiter(ClientKey(context),
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6 }));
            options.AddPolicy(AccountEmailLimit, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AccountEmailsPerTenMinutes, Window = TimeSpan.FromMinutes(10) }));
        });
    }

    /// <summary>Only posts count: reading the form is free, submitting it is limited.</summary>
    private static string ClientKey(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? $"read:{Guid.NewGuid()}"
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
