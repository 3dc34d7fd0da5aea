using System.Globalization;

namespace Autowartung.Platform.Pricing;

/// <summary>
/// Euros as forms send and show them: a number input sends "29.00" whatever the page's language, and
/// people type "29,00". German model binding would read "29.00" as 2900 €, so pages read it here.
/// </summary>
public static class EuroInput
{
    /// <summary>Cents, or null for anything that is no amount of at most a million euros.</summary>
    public static int? Cents(string? euros) =>
        decimal.TryParse(euros?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1_000_000m
            ? (int)Math.Round(value * 100m, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>The value a number input takes: "29.00".</summary>
    public static string Format(int cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
