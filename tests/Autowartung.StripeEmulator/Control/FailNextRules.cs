namespace Autowartung.StripeEmulator.Control;

/// <summary>
/// Failures a test asked for: the next N API requests under a path prefix answer 429, 500 or 503 without
/// executing, so the product's retries can be tested. A rule may be narrowed to one method and to the
/// exact path, so background reads of the same resource (a webhook worker syncing) don't use it up.
/// </summary>
public sealed class FailNextRules
{
    public static readonly IReadOnlyList<int> AllowedStatuses = [429, 500, 503];

    private readonly Lock sync = new();
    private readonly List<Rule> rules = [];

    public void Add(string pathPrefix, int status, int times, string? method = null, bool exact = false)
    {
        lock (sync)
        {
            rules.Add(new Rule(pathPrefix, status, method, exact) { Remaining = times });
        }
    }

    /// <summary>Takes one failure for <paramref name="path"/>, the oldest matching rule first.</summary>
    public bool TryTake(string method, string path, out int status)
    {
        lock (sync)
        {
            var rule = rules.FirstOrDefault(r => r.Matches(method, path));
            if (rule is null)
            {
                status = 0;
                return false;
            }
            status = rule.Status;
            if (--rule.Remaining == 0)
            {
                rules.Remove(rule);
            }
            return true;
        }
    }

    private sealed record Rule(string PathPrefix, int Status, string? Method, bool Exact)
    {
        public int Remaining { get; set; }

        public bool Matches(string method, string path) =>
            (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
            && (Exact ? path == PathPrefix : path.StartsWith(PathPrefix, StringComparison.Ordinal));
    }
}
