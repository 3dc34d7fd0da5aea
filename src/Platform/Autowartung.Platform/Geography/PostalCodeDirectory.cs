using System.Collections.Frozen;
using System.Text.Json;

namespace Autowartung.Platform.Geography;

/// <summary>
/// Which five-digit codes are actually assigned in Germany (about 8,200). Loaded once from the
/// embedded list; see german-postal-codes.NOTICE.md for its source.
/// </summary>
public sealed class PostalCodeDirectory
{
    private readonly FrozenSet<string> _assigned;

    public PostalCodeDirectory()
    {
        using var stream = typeof(PostalCodeDirectory).Assembly.GetManifestResourceStream("Autowartung.Platform.Geography.german-postal-codes.json")
            ?? throw new InvalidOperationException("The postal code list is not embedded.");
        _assigned = JsonSerializer.Deserialize<string[]>(stream)!.ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _assigned.Count;

    public bool Exists(PostalCode postalCode) => _assigned.Contains(postalCode.Value);
}
