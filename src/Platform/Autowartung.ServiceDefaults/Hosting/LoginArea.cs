namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>The three doors into a city: customers, jockeys, workshop staff.</summary>
public enum LoginArea
{
    Customer,
    Jockey,
    Workshop,
}

public static class LoginAreas
{
    /// <summary>The area as it appears in URLs and on pages: German, as users know it.</summary>
    public static string Slug(this LoginArea area) => area switch
    {
        LoginArea.Customer => "kunde",
        LoginArea.Jockey => "fahrer",
        LoginArea.Workshop => "werkstatt",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static string Label(this LoginArea area) => area switch
    {
        LoginArea.Customer => "Kunde",
        LoginArea.Jockey => "Fahrer",
        LoginArea.Workshop => "Werkstatt",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static bool TryParse(string? slug, out LoginArea area)
    {
        foreach (var candidate in Enum.GetValues<LoginArea>())
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                area = candidate;
                return true;
            }
        area = LoginArea.Customer;
        return false;
    }
}
