namespace Autowartung.Platform.Pricing;

/// <summary>An amount split into net and VAT, in cents; gross is their sum, so a line always adds up.</summary>
public readonly record struct Amount(int NetCents, int VatCents)
{
    public int GrossCents => NetCents + VatCents;

    public static Amount operator +(Amount a, Amount b) => new(a.NetCents + b.NetCents, a.VatCents + b.VatCents);
}

/// <summary>
/// German VAT at the standard rate, in integer cents, rounded half up (kaufmännisch). The same input
/// always gives the same cents: no floating point anywhere.
/// </summary>
public static class Vat
{
    public const int RatePercent = 19;

    /// <summary>From a net price (what workshops list): VAT on top.</summary>
    public static Amount FromNet(int netCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(netCents);
        return new Amount(netCents, RoundHalfUp((long)netCents * RatePercent, 100));
    }

    /// <summary>From a gross price (what consumers are shown, e.g. the concierge fee): VAT taken out.</summary>
    public static Amount FromGross(int grossCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(grossCents);
        var net = RoundHalfUp((long)grossCents * 100, 100 + RatePercent);
        return new Amount(net, grossCents - net);
    }

    private static int RoundHalfUp(long numerator, long denominator) => (int)((numerator * 2 + denominator) / (denominator * 2));
}
