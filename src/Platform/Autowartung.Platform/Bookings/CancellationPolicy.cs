using Autowartung.Platform.Cities;

namespace Autowartung.Platform.Bookings;

public enum CancelledBy
{
    Customer,

    /// <summary>The workshop or the platform: never at the customer's cost.</summary>
    Staff,

    /// <summary>The platform on its own, e.g. when a direct debit bounced.</summary>
    System,
}

/// <summary>
/// A city's rule for cancellations: free until <see cref="FreeWindow"/> before pickup, later the city's
/// fee is kept. Staff cancellations are always free for the customer.
/// </summary>
public sealed record CancellationPolicy(TimeSpan FreeWindow, int LateFeeCents)
{
    public static CancellationPolicy For(City city) => new(TimeSpan.FromHours(city.FreeCancellationHours), city.LateCancellationFeeCents);

    public DateTimeOffset FreeUntil(DateTimeOffset pickupStartUtc) => pickupStartUtc - FreeWindow;

    /// <summary>What is kept of <paramref name="paidCents"/> when cancelling at <paramref name="now"/>; the rest is refunded.</summary>
    public int FeeCents(DateTimeOffset pickupStartUtc, int paidCents, DateTimeOffset now, CancelledBy by) =>
        by == CancelledBy.Customer && now > FreeUntil(pickupStartUtc) ? Math.Min(LateFeeCents, paidCents) : 0;
}
