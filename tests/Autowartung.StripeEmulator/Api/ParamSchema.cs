namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// The parameters one endpoint accepts, written as Stripe names them: <c>line_items[#][quantity]</c> (<c>#</c> an
/// array index), <c>metadata[*]</c> (any key). Stripe refuses anything else with <c>parameter_unknown</c>, so a
/// typo in the product's client fails here as it would against Stripe. <c>expand[]</c> is accepted everywhere.
/// </summary>
public sealed class ParamSchema
{
    private static readonly IReadOnlyList<string> Expand = ["expand", "#"];
    private readonly IReadOnlyList<IReadOnlyList<string>> patterns;

    public ParamSchema(params string[] patterns) =>
        this.patterns = [.. patterns.Select(Params.Segments), Expand];

    public void Check(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var segments = Params.Segments(key);
            if (!patterns.Any(pattern => Matches(pattern, segments)))
            {
                throw StripeException.ParameterUnknown(key);
            }
        }
    }

    private static bool Matches(IReadOnlyList<string> pattern, IReadOnlyList<string> segments)
    {
        if (pattern.Count != segments.Count)
        {
            return false;
        }
        for (var i = 0; i < pattern.Count; i++)
        {
            var ok = pattern[i] switch
            {
                "*" => segments[i].Length > 0,
                "#" => segments[i].All(char.IsAsciiDigit),
                var name => name == segments[i],
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
