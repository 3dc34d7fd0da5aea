namespace Autowartung.StripeEmulator.Api;

public enum IdempotencyOutcome
{
    /// <summary>The key is new: execute, then save or release it.</summary>
    Claimed,
    /// <summary>Same key, same request: answer the saved response.</summary>
    Replay,
    /// <summary>Same key, other parameters or endpoint.</summary>
    Mismatch,
    /// <summary>A request with the key is still executing.</summary>
    InUse,
}

public sealed record SavedResponse(int Status, string Body, string RequestId);

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, SavedResponse? Saved = null);

/// <summary>
/// Idempotency keys as Stripe keeps them: scoped to the API key, kept 24 hours, bound to the method, path and
/// parameters of their first request. Its own lock, so a concurrent duplicate is told 409 without waiting.
/// </summary>
public sealed class IdempotencyStore(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Lock sync = new();
    private readonly Dictionary<(string ApiKey, string Key), Entry> entries = [];

    public IdempotencyClaim Claim(string apiKey, string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        lock (sync)
        {
            foreach (var stale in entries.Where(e => now - e.Value.ClaimedAt > Retention).Select(e => e.Key).ToList())
            {
                entries.Remove(stale);
            }
            if (!entries.TryGetValue((apiKey, key), out var entry))
            {
                entries[(apiKey, key)] = new Entry(fingerprint, now);
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }
            if (entry.Saved is null)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InUse);
            }
            return entry.Fingerprint == fingerprint
                ? new IdempotencyClaim(IdempotencyOutcome.Replay, entry.Saved)
                : new IdempotencyClaim(IdempotencyOutcome.Mismatch);
        }
    }

    public void Save(string apiKey, string key, SavedResponse response)
    {
        lock (sync)
        {
            if (entries.TryGetValue((apiKey, key), out var entry))
            {
                entry.Saved = response;
            }
        }
    }

    /// <summary>Forgets a claimed key whose request never began executing, so a corrected retry runs.</summary>
    public void Release(string apiKey, string key)
    {
        lock (sync)
        {
            entries.Remove((apiKey, key));
        }
    }

    private sealed class Entry(string fingerprint, DateTimeOffset claimedAt)
    {
        public string Fingerprint { get; } = fingerprint;
        public DateTimeOffset ClaimedAt { get; } = claimedAt;
        public SavedResponse? Saved { get; set; }
    }
}
