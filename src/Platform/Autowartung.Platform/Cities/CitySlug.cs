using System.Text.RegularExpressions;

namespace Autowartung.Platform.Cities;

/// <summary>The subdomain a city answers on: lowercase, DNS-safe, never one of the platform's own hosts.</summary>
public static partial class CitySlug
{
    /// <summary>Labels under the platform domain that belong to the platform itself.</summary>
    public static IReadOnlySet<string> Reserved { get; } =
        new HashSet<string>(["www", "admin", "id", "api", "mail", "static", "status", NewCity], StringComparer.Ordinal);

    /// <summary>The admin app's address for a city still to be made, <c>/staedte/neu</c>: no city may take it.</summary>
    public const string NewCity = "neu";

    /// <summary>The reason <paramref name="slug"/> cannot name a city, or <c>null</c> when it can.</summary>
    public static string? Validate(string? slug) => slug switch
    {
        null or "" => "Bitte eine Subdomain angeben.",
        _ when !Shape().IsMatch(slug) => "Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 63 Zeichen, nicht am Anfang oder Ende ein Bindestrich.",
        _ when Reserved.Contains(slug) => $"„{slug}“ ist für die Plattform reserviert.",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Shape();
}
