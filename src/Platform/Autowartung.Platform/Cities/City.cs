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

    /// <summary>Replacement cars the city must have before it may go public (expansion criterion 4).</summary>
    public int MinimumReplacementCars { get; private set; }

    /// <summary>How many km a car may be driven between pickup and return (to the workshop, a test drive, back); more is flagged on the return protocol.</summary>
    public int ReturnKmAllowance { get; private set; } = DefaultReturnKmAllowance;

    public const int DefaultReturnKmAllowance = 50;

    /// <summary>After how many hours an undecided proposal of extra work reminds its customer, once.</summary>
    public int ExtensionReminderHours { get; private set; } = 2;

    /// <summary>After how many hours an undecided proposal of extra work lapses, its items counting as declined.</summary>
    public int ExtensionExpiryHours { get; private set; } = 24;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The postal codes (PLZ) the city serves. A PLZ belongs to one city at most.</summary>
    public IReadOnlyCollection<ServiceAreaPostalCode> ServiceArea => _serviceArea;

    public static City Create(
        string slug, string name, string timeZoneId, IEnumerable<PostalCode> serviceArea, DateTimeOffset now,
        int conciergeFeeCents = 2900, int pilotDailyBookingCap = 5, int freeCancellationHours = 24, int lateCancellationFeeCents = 1500,
        int minimumReplacementCars = 2, int returnKmAllowance = DefaultReturnKmAllowance)
    {
        if (CitySlug.Validate(slug) is { } slugError) throw new ArgumentException(slugError, nameof(slug));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _ = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        ArgumentOutOfRangeException.ThrowIfNegative(conciergeFeeCents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pilotDailyBookingCap);
        ArgumentOutOfRangeException.ThrowIfNegative(freeCancellationHours);
        ArgumentOutOfRangeException.ThrowIfNegative(lateCancellationFeeCents);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumReplacementCars);

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
            MinimumReplacementCars = minimumReplacementCars,
            ReturnKmAllowance = returnKmAllowance,
            CreatedAt = now,
        };
        city._serviceArea.AddRange(serviceArea.Distinct().Select(p => new ServiceAreaPostalCode(p.Value)));
        return city;
    }

    public bool Serves(PostalCode postalCode) => _serviceArea.Any(p => p.Code == postalCode.Value);

    /// <summary>Changes what an admin edits. The slug stays: it is the city's address and every link to it.</summary>
    public void Update(CitySettings settings, IEnumerable<PostalCode> serviceArea)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Name);
        _ = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
        Name = settings.Name.Trim();
        TimeZoneId = settings.TimeZoneId;
        ConciergeFeeCents = settings.ConciergeFeeCents;
        PilotDailyBookingCap = settings.PilotDailyBookingCap;
        FreeCancellationHours = settings.FreeCancellationHours;
        LateCancellationFeeCents = settings.LateCancellationFeeCents;
        MinimumReplacementCars = settings.MinimumReplacementCars;
        ReturnKmAllowance = settings.ReturnKmAllowance;
        var wanted = serviceArea.Select(p => p.Value).ToHashSet();
        _serviceArea.RemoveAll(p => !wanted.Contains(p.Code));
        _serviceArea.AddRange(wanted.Except(_serviceArea.Select(p => p.Code)).Order().Select(code => new ServiceAreaPostalCode(code)));
    }

    /// <summary>
    /// The moves a city may make: <c>Onboarding → Pilot → Live</c>, back from Live to Pilot, and to and from
    /// <c>Paused</c> once it has been public. Whether the expansion criteria allow it is the caller's question
    /// (<c>ChangeCityStatus</c>); this only knows which moves exist.
    /// </summary>
    public static bool CanMove(CityStatus from, CityStatus to) => (from, to) switch
    {
        (CityStatus.Onboarding, CityStatus.Pilot) => true,
        (CityStatus.Pilot, CityStatus.Live) => true,
        (CityStatus.Live, CityStatus.Pilot) => true,
        (CityStatus.Pilot or CityStatus.Live, CityStatus.Paused) => true,
        (CityStatus.Paused, CityStatus.Pilot or CityStatus.Live) => true,
        _ => false,
    };

    public bool MoveTo(CityStatus status)
    {
        if (!CanMove(Status, status)) return false;
        Status = status;
        return true;
    }
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

/// <summary>What an admin sets for a city; money in cents (gross), hours, counts.</summary>
public sealed record CitySettings(
    string Name, string TimeZoneId, int ConciergeFeeCents, int PilotDailyBookingCap, int FreeCancellationHours, int LateCancellationFeeCents,
    int MinimumReplacementCars, int ReturnKmAllowance = City.DefaultReturnKmAllowance);
