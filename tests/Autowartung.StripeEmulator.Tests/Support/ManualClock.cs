namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock sync = new();
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (sync)
        {
            now += by;
        }
    }
}
