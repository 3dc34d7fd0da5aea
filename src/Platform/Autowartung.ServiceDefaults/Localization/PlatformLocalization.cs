using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.Localization;

/// <summary>
/// German first, English second. Texts are written in German in the pages and translated in <c>UiText.en.resx</c>;
/// dates and numbers follow the reader's culture: de-DE, or en-GB (day before month, 24-hour clock) with the euro,
/// since every price on the platform is in euros. Any English or German the browser or cookie asks for maps to these two.
/// </summary>
public static class PlatformLocalization
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = EnglishWithEuro();

    private static CultureInfo EnglishWithEuro()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("en-GB").Clone();
        culture.NumberFormat.CurrencySymbol = "€";
        return CultureInfo.ReadOnly(culture);
    }

    internal static IServiceCollection AddPlatformLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(German);
            options.SupportedCultures = options.SupportedUICultures = [German, English];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = options.RequestCultureProviders.Select(p => (IRequestCultureProvider)new OurTwoLanguages(p)).ToList();
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

    /// <summary>Reads what another provider reads (cookie, query, Accept-Language) as one of our two cultures: "en-US" or "en" as en-GB.</summary>
    private sealed class OurTwoLanguages(IRequestCultureProvider inner) : IRequestCultureProvider
    {
        public async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            await inner.DetermineProviderCultureResult(httpContext) is { } result
                ? new ProviderCultureResult(result.Cultures.Select(Ours).ToList(), result.UICultures.Select(Ours).ToList())
                : null;

        private static Microsoft.Extensions.Primitives.StringSegment Ours(Microsoft.Extensions.Primitives.StringSegment culture) =>
            culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English.Name
            : culture.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German.Name
            : culture;
    }
}
