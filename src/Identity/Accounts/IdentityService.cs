using System.Threading.RateLimiting;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Identity;

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
            options.AddPolicy(SignInLimit, context => PlatformRateLimits.PostsPerClient(context, client => RateLimitPartition.GetSlidingWindowLimiter(client,
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6 })));
            options.AddPolicy(AccountEmailLimit, context => PlatformRateLimits.PostsPerClient(context, client => RateLimitPartition.GetFixedWindowLimiter(client,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AccountEmailsPerTenMinutes, Window = TimeSpan.FromMinutes(10) })));
        });
    }
}
