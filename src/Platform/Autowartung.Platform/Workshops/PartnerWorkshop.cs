using Autowartung.Platform.Geography;

namespace Autowartung.Platform.Workshops;

/// <summary>A workshop that services the city's orders. Tenant-owned: it belongs to exactly one city.</summary>
public sealed class PartnerWorkshop
{
    private List<string> _servedPostalCodes = [];

    private PartnerWorkshop() { }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public Address Address { get; private set; } = null!;

    /// <summary>The postal codes whose customers this workshop takes.</summary>
    public IReadOnlyList<string> ServedPostalCodes => _servedPostalCodes;

    public bool IsActive { get; private set; }

    /// <summary>Net, in cents per hour: what extra work is priced at.</summary>
    public int LabourRateNetCents { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PartnerWorkshop Create(string name, Address address, IEnumerable<PostalCode> servedPostalCodes, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(address);
        return new PartnerWorkshop
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Address = address,
            _servedPostalCodes = servedPostalCodes.Select(p => p.Value).Distinct().Order().ToList(),
            IsActive = true,
            CreatedAt = now,
        };
    }

    public bool Serves(PostalCode postalCode) => _servedPostalCodes.Contains(postalCode.Value);

    public void SetLabourRate(int netCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(netCents);
        LabourRateNetCents = netCents;
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}
