using Autowartung.Platform.Pricing;
using Autowartung.Platform.Vehicles;

namespace Autowartung.Platform.Quotes;

/// <summary>
/// An exact price for a car, services and address, at one partner workshop (tenant-owned). Its lines
/// are a snapshot: later changes to price lists or fees never change a quote, nor the booking made from it.
/// </summary>
public sealed class Quote
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    private readonly List<QuoteLine> _lines = [];

    private Quote() { }

    public Guid Id { get; private set; }

    public Guid WorkshopId { get; private set; }

    public string PostalCode { get; private set; } = "";

    public QuotedVehicle Vehicle { get; private set; } = null!;

    public IReadOnlyList<QuoteLine> Lines => _lines;

    public int TotalNetCents { get; private set; }

    public int TotalVatCents { get; private set; }

    public int TotalGrossCents { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ValidUntil { get; private set; }

    /// <summary>Made while its city was still in onboarding, by its crew or an admin: counts in no KPI.</summary>
    public bool IsTest { get; private set; }

    public bool IsValidAt(DateTimeOffset now) => now < ValidUntil;

    public static Quote Create(
        Guid workshopId, string postalCode, IdentifiedVehicle vehicle, IReadOnlyList<QuoteLine> lines, DateTimeOffset now, bool isTest = false)
    {
        var total = lines.Aggregate(new Amount(0, 0), (sum, line) => sum + new Amount(line.NetCents, line.VatCents));
        var quote = new Quote
        {
            Id = Guid.CreateVersion7(now),
            WorkshopId = workshopId,
            PostalCode = postalCode,
            Vehicle = new QuotedVehicle(vehicle.Make, vehicle.Model, vehicle.Year, vehicle.Fuel, vehicle.MileageKm, vehicle.Class, vehicle.Hsn, vehicle.Tsn),
            TotalNetCents = total.NetCents,
            TotalVatCents = total.VatCents,
            TotalGrossCents = total.GrossCents,
            CreatedAt = now,
            ValidUntil = now + Validity,
            IsTest = isTest,
        };
        quote._lines.AddRange(lines);
        return quote;
    }
}

/// <summary>The car as it was quoted.</summary>
public sealed record QuotedVehicle(string Make, string Model, int? Year, FuelType Fuel, int? MileageKm, VehicleClass Class, string? Hsn, string? Tsn);

/// <summary>One line: net, VAT and gross in cents, gross always their sum.</summary>
public sealed class QuoteLine
{
    private QuoteLine() { }

    public string Code { get; private set; } = "";

    public string Description { get; private set; } = "";

    public int NetCents { get; private set; }

    public int VatCents { get; private set; }

    public int GrossCents { get; private set; }

    public static QuoteLine Create(string code, string description, Amount amount) =>
        new() { Code = code, Description = description, NetCents = amount.NetCents, VatCents = amount.VatCents, GrossCents = amount.GrossCents };
}
