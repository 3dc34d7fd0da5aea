using Autowartung.Platform.Vehicles;

namespace Autowartung.Platform.Pricing;

/// <summary>One entry of a partner workshop's price list (tenant-owned): a service for a vehicle class, net.</summary>
public sealed class WorkshopPrice
{
    private WorkshopPrice() { }

    public Guid Id { get; private set; }

    public Guid WorkshopId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public VehicleClass VehicleClass { get; private set; }

    /// <summary>Net, in cents: what the workshop invoices. Consumers see it with VAT.</summary>
    public int NetCents { get; private set; }

    public static WorkshopPrice Create(Guid workshopId, string itemCode, VehicleClass vehicleClass, int netCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(netCents);
        return new WorkshopPrice { Id = Guid.CreateVersion7(), WorkshopId = workshopId, ItemCode = itemCode, VehicleClass = vehicleClass, NetCents = netCents };
    }

    public void ChangeTo(int netCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(netCents);
        NetCents = netCents;
    }
}

/// <summary>A starting price list for a new partner workshop (net cents per class), which the workshop then owns.</summary>
public static class PriceListTemplate
{
    private static readonly Dictionary<string, int[]> NetCentsByClass = new()
    {
        //                      Small   Compact Midsize Large   SuvVan
        ["INSPECTION"] = [18900, 21900, 25900, 32900, 27900],
        ["OIL_CHANGE"] = [8900, 9900, 11900, 14900, 12900],
        ["HU_AU"] = [12900, 12900, 12900, 12900, 12900],
        ["BRAKES_FRONT"] = [22900, 26900, 31900, 39900, 34900],
        ["BRAKES_REAR"] = [19900, 22900, 27900, 34900, 29900],
        ["AC_SERVICE"] = [8900, 8900, 9900, 11900, 9900],
        ["TYRE_CHANGE"] = [3900, 3900, 4900, 5900, 5900],
    };

    public const int LabourRateNetCents = 9800;

    public static IEnumerable<WorkshopPrice> For(Guid workshopId) =>
        from entry in NetCentsByClass
        from vehicleClass in Enum.GetValues<VehicleClass>()
        select WorkshopPrice.Create(workshopId, entry.Key, vehicleClass, entry.Value[(int)vehicleClass]);
}
