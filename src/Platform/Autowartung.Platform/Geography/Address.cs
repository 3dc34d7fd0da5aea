namespace Autowartung.Platform.Geography;

/// <summary>A postal address in Germany. Stored inline with its owner.</summary>
public sealed record Address(string Street, string PostalCode, string Town)
{
    public override string ToString() => $"{Street}, {PostalCode} {Town}";
}
