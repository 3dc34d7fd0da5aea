namespace Autowartung.Platform.Cities;

/// <summary>Where a city stands on its way to the public: <c>Onboarding → Pilot → Live</c>, and <c>Paused</c>.</summary>
public enum CityStatus
{
    /// <summary>Being set up; only platform admins and the city's own staff see it.</summary>
    Onboarding,

    /// <summary>Public, with the pilot's daily booking cap.</summary>
    Pilot,

    /// <summary>Public at the city's normal capacity.</summary>
    Live,

    /// <summary>Public, takes no new bookings; running orders go on.</summary>
    Paused,
}

public static class CityStatusExtensions
{
    /// <summary>Whether anyone may see the city's pages.</summary>
    public static bool IsPublic(this CityStatus status) => status is not CityStatus.Onboarding;
}
