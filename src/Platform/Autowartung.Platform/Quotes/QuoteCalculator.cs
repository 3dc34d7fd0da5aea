using Autowartung.Platform.Catalog;
using Autowartung.Platform.Pricing;

namespace Autowartung.Platform.Quotes;

/// <summary>
/// Turns services, a price list and the concierge fee into quote lines. Pure: the same inputs give the
/// same lines, in the catalog's order, to the cent.
/// </summary>
public static class QuoteCalculator
{
    public const string ConciergeFeeCode = "CONCIERGE_FEE";

    public static IReadOnlyList<QuoteLine> Lines(IEnumerable<(CatalogItem Item, int NetCents)> services, int conciergeFeeGrossCents) =>
    [
        .. services.OrderBy(s => s.Item.SortOrder).ThenBy(s => s.Item.Code, StringComparer.Ordinal)
            .Select(s => QuoteLine.Create(s.Item.Code, s.Item.Name, Vat.FromNet(s.NetCents))),
        QuoteLine.Create(ConciergeFeeCode, "Hol- und Bringservice", Vat.FromGross(conciergeFeeGrossCents)),
    ];
}
