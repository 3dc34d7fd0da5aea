namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>The doors people come through: a city's three (customers, jockeys, workshop staff) and the platform team's.</summary>
public enum LoginArea
{
    Customer,
    Jockey,
    Workshop,
    Admin,
}

public static class LoginAreas
{
    /// <summary>The area as it appears in URLs and on pages: German, as users know it.</summary>
    public static string Slug(this LoginArea area) => area switch
    {
        LoginArea.Customer => "kunde",
        LoginArea.Jockey => "fahrer",
        LoginArea.Workshop => "werkstatt",
        LoginArea.Admin => "plattform",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static string Label(this LoginArea area) => area switch
    {
        LoginArea.Customer => "Kunde",
        LoginArea.Jockey => "Fahrer",
        LoginArea.Workshop => "Werkstatt",
        LoginArea.Admin => "Plattform",
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
