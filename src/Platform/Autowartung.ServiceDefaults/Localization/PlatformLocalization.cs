using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Localization;

/// <summary>German first, English second. Texts are written in German in the pages and translated in <c>UiText.en.resx</c>.</summary>
public static class PlatformLocalization
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    internal static IServiceCollection AddPlatformLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(German);
            options.SupportedCultures = options.SupportedUICultures = [German, English];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        return services;
    }

    /// <summary><c>GET /sprache/{culture}?returnUrl=/…</c> remembers the choice in a cookie and goes back (to a local page only).</summary>
    internal static IEndpointConventionBuilder MapLanguageSwitch(this WebApplication app) =>
        app.MapGet("/sprache/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : German;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var local = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal);
            return Results.LocalRedirect(local ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription().WithMetadata(new Hosting.ServesApexAttribute());
}
