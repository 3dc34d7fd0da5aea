using System.Globalization;
using Autowartung.ServiceDefaults.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Autowartung.ServiceDefaults.Problems;

/// <summary>
/// Problems speak the request's language. Every text of a problem is written in German, as everywhere on
/// the platform, and looked up in the app's <c>UiText.en.resx</c> and then in the shared one when the
/// request is English; the framework's English defaults ("Not Found", "One or more validation errors
/// occurred.") are replaced by a German title first. The culture comes from the request's
/// <see cref="IRequestCultureFeature"/>, because problems are often written by middleware that runs
/// outside the localization middleware (the exception handler, the status code pages).
/// </summary>
internal static class ProblemText
{
    private static readonly HashSet<string> FrameworkTitles =
        ["One or more validation errors occurred.", "An error occurred while processing your request."];

    public static CultureInfo CultureOf(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? PlatformLocalization.German;

    /// <summary>The German title for a status, where the problem has none of its own.</summary>
    public static string? TitleFor(int? status, string? title) =>
        status is { } code && (title is null || FrameworkTitles.Contains(title) || title == ReasonPhrases.GetReasonPhrase(code))
            ? code switch
            {
                400 => "Die Angaben sind so nicht gültig.",
                401 => "Bitte melden Sie sich an.",
                403 or 404 => "Nicht gefunden.",
                405 => "Diese Aktion ist hier nicht möglich.",
                406 => "Dieses Antwortformat gibt es hier nicht.",
                409 => "Das geht im aktuellen Zustand nicht.",
                413 => "Die Anfrage ist zu groß.",
                415 => "Dieses Format wird nicht angenommen.",
                429 => "Zu viele Anfragen. Bitte warten Sie einen Moment.",
                >= 500 => "Da ist etwas schiefgelaufen.",
                _ => "Die Anfrage ist so nicht möglich.",
            }
            : title;

    /// <summary>A German text in the request's language: the app's translation, else the shared one, else the German text.</summary>
    public static string Localize(HttpContext context, string german)
    {
        var culture = CultureOf(context);
        if (culture.TwoLetterISOLanguageName == PlatformLocalization.German.TwoLetterISOLanguageName) return german;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            foreach (var localizer in Localizers(context.RequestServices))
                if (localizer[german] is { ResourceNotFound: false } found) return found.Value;
            return german;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static IEnumerable<IStringLocalizer> Localizers(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IStringLocalizerFactory>();
        // Each app keeps its texts in "{its root namespace}.UiText", the marker class beside its UiText.en.resx.
        var app = services.GetRequiredService<IWebHostEnvironment>().ApplicationName;
        if (app != typeof(UiText).Assembly.GetName().Name) yield return factory.Create(nameof(UiText), app);
        yield return services.GetRequiredService<IStringLocalizer<UiText>>();
    }
}
