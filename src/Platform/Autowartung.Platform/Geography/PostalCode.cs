using System.Diagnostics.CodeAnalysis;

namespace Autowartung.Platform.Geography;

/// <summary>
/// A German postal code (PLZ): five digits, 01001 to 99998. Whether a well-formed code is actually
/// assigned is a question for the PLZ directory, not for this type.
/// </summary>
public readonly record struct PostalCode
{
    private PostalCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out PostalCode? postalCode)
    {
        postalCode = null;
        var trimmed = text?.Trim();
        if (trimmed is not { Length: 5 } || !trimmed.All(char.IsAsciiDigit) || trimmed.StartsWith("00", StringComparison.Ordinal))
            return false;
        postalCode = new PostalCode(trimmed);
        return true;
    }

    public static PostalCode Parse(string text) =>
        TryParse(text, out var postalCode) ? postalCode.Value : throw new FormatException($"'{text}' is not a German postal code (five digits).");

    /// <summary>Expands an inclusive range such as 58452–58456.</summary>
    public static IReadOnlyList<PostalCode> Range(string first, string last)
    {
        var (from, to) = (int.Parse(Parse(first).Value), int.Parse(Parse(last).Value));
        if (to < from) throw new ArgumentException($"The range {first}–{last} runs backwards.");
        return Enumerable.Range(from, to - from + 1).Select(n => Parse(n.ToString("D5"))).ToList();
    }

    public override string ToString() => Value;
}
