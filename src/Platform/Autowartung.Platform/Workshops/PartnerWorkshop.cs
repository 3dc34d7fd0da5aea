using Autowartung.Platform.Geography;

namespace Autowartung.Platform.Workshops;

/// <summary>A workshop that services the city's orders. Tenant-owned: it belongs to exactly one city.</summary>
public sealed class PartnerWorkshop
{
    private List<string> _servedPostalCodes = [];
    private List<OpeningPeriod> _openingHours = [];

    private PartnerWorkshop() { }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public Address Address { get; private set; } = null!;

    /// <summary>The postal codes whose customers this workshop takes.</summary>
    public IReadOnlyList<string> ServedPostalCodes => _servedPostalCodes;

    /// <summary>When the workshop is open, one period per weekday at most; a day not listed is closed.</summary>
    public IReadOnlyList<OpeningPeriod> OpeningHours => _openingHours;

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

    /// <summary>Changes what the admin app edits: name, address, the PLZ served and the opening hours.</summary>
    public void Update(string name, Address address, IEnumerable<PostalCode> servedPostalCodes, IEnumerable<OpeningPeriod> openingHours)
    {
        Rename(name);
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        _servedPostalCodes = servedPostalCodes.Select(p => p.Value).Distinct().Order().ToList();
        _openingHours = OpeningPeriod.Normalize(openingHours);
    }

    /// <summary>
    /// Takes the workshop out of routing: no new quotes or slots go to it. Its running orders, price list
    /// and calendar stay, so it can be activated again.
    /// </summary>
    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

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

/// <summary>A weekday's opening hours, local time: e.g. Monday 07:30–18:00.</summary>
public sealed class OpeningPeriod
{
    private OpeningPeriod() { }

    public OpeningPeriod(DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens) throw new ArgumentException("A workshop closes after it opens.", nameof(closes));
        Day = day;
        Opens = opens;
        Closes = closes;
    }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Opens { get; private set; }

    public TimeOnly Closes { get; private set; }

    /// <summary>One period per day, Monday first.</summary>
    public static List<OpeningPeriod> Normalize(IEnumerable<OpeningPeriod> periods) =>
        periods.DistinctBy(p => p.Day).OrderBy(p => ((int)p.Day + 6) % 7).ToList();
}
