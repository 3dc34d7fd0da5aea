using Autowartung.Platform.Geography;

namespace Autowartung.Platform.Cities;

/// <summary>
/// A city the platform serves: the tenant. Its own row is platform data (it is what tenants are
/// resolved from); everything that belongs to the city carries its id as <c>tenant_id</c>.
/// </summary>
public sealed class City
{
    private readonly List<ServiceAreaPostalCode> _serviceArea = [];

    private City() { }

    public Guid Id { get; private set; }

    /// <summary>The subdomain, e.g. <c>witten</c>.</summary>
    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public CityStatus Status { get; private set; }

    /// <summary>IANA time zone the city's slots and days are defined in.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>The concierge fee a customer pays per order, gross, in cents.</summary>
    public int ConciergeFeeCents { get; private set; }

    /// <summary>Bookings per day while the city is in <see cref="CityStatus.Pilot"/>.</summary>
    public int PilotDailyBookingCap { get; private set; }

    /// <summary>Until this long before pickup, a cancellation is free.</summary>
    public int FreeCancellationHours { get; private set; }

    /// <summary>What a later cancellation costs, gross, in cents.</summary>
    public int LateCancellationFeeCents { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The postal codes (PLZ) the city serves. A PLZ belongs to one city at most.</summary>
    public IReadOnlyCollection<ServiceAreaPostalCode> ServiceArea => _serviceArea;

    public static City Create(
        string slug, string name, string timeZoneId, IEnumerable<PostalCode> serviceArea, DateTimeOffset now,
        int conciergeFeeCents = 2900, int pilotDailyBookingCap = 5, int freeCancellationHours = 24, int lateCancellationFeeCents = 1500)
    {
        if (CitySlug.Validate(slug) is { } slugError) throw new ArgumentException(slugError, nameof(slug));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _ = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        ArgumentOutOfRangeException.ThrowIfNegative(conciergeFeeCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pilotDailyBookingCap);
        ArgumentOutOfRangeException.ThrowIfNegative(freeCancellationHours);
        ArgumentOutOfRangeException.ThrowIfNegative(lateCancellationFeeCents);

        var city = new City
        {
            Id = Guid.CreateVersion7(now),
            Slug = slug,
            Name = name.Trim(),
            Status = CityStatus.Onboarding,
            TimeZoneId = timeZoneId,
            ConciergeFeeCents = conciergeFeeCents,
            PilotDailyBookingCap = pilotDailyBookingCap,
            FreeCancellationHours = freeCancellationHours,
            LateCancellationFeeCents = lateCancellationFeeCents,
            CreatedAt = now,
        };
        city._serviceArea.AddRange(serviceArea.Distinct().Select(p => new ServiceAreaPostalCode(p.Value)));
        return city;
    }

    public bool Serves(PostalCode postalCode) => _serviceArea.Any(p => p.Code == postalCode.Value);

    /// <summary>
    /// Sets the status without the expansion gate. Only for seeding and tests; the admin app's
    /// go-live use case checks the expansion criteria before it moves a city.
    /// </summary>
    internal void ForceStatus(CityStatus status) => Status = status;

    public CityTenantInfo ToTenantInfo() => new(Id, Slug, Name, Status, TimeZoneId);
}

/// <summary>One postal code of a city's service area.</summary>
public sealed class ServiceAreaPostalCode(string code)
{
    public string Code { get; private set; } = code;
}
