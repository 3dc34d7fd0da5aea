using System.Text.RegularExpressions;

namespace Autowartung.Platform.Geography;

/// <summary>
/// Reads a list of postal codes as admins type or paste it: ranges like <c>58452-58456</c>, single codes,
/// separated by commas, semicolons, spaces or lines. Every code must exist; a range keeps the codes that do.
/// </summary>
public static partial class PostalCodeList
{
    /// <summary>A range expands to at most this many numbers, so a typo cannot claim a region.</summary>
    public const int MaxRangeSize = 1000;

    /// <summary>The codes in ascending order, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static IReadOnlyList<PostalCode>? Parse(string? text, PostalCodeDirectory directory, out string? error)
    {
        error = null;
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var tokens = Separator().Split(text ?? "").Where(t => t.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            error = "Bitte mindestens eine Postleitzahl angeben.";
            return null;
        }
        foreach (var token in tokens)
        {
            var range = token.Split('-');
            if (range.Length == 2 && PostalCode.TryParse(range[0], out var first) && PostalCode.TryParse(range[1], out var last))
            {
                if (string.CompareOrdinal(first.Value.Value, last.Value.Value) > 0 || int.Parse(last.Value.Value) - int.Parse(first.Value.Value) >= MaxRangeSize)
                {
                    error = $"Der Bereich {token} ist ungültig (aufsteigend, höchstens {MaxRangeSize} Nummern).";
                    return null;
                }
                var existing = PostalCode.Range(first.Value.Value, last.Value.Value).Where(directory.Exists).ToList();
                if (existing.Count == 0)
                {
                    error = $"Im Bereich {token} gibt es keine Postleitzahl.";
                    return null;
                }
                codes.UnionWith(existing.Select(p => p.Value));
            }
            else if (range.Length == 1 && PostalCode.TryParse(token, out var single) && directory.Exists(single.Value))
            {
                codes.Add(single.Value.Value);
            }
            else
            {
                error = $"„{token}“ ist keine deutsche Postleitzahl.";
                return null;
            }
        }
        return codes.Select(PostalCode.Parse).ToList();
    }

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex Separator();
}
