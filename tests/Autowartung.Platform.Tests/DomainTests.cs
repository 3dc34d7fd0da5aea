using Autowartung.Platform.Cities;
using Autowartung.Platform.Geography;

namespace Autowartung.Platform.Tests;

public sealed class DomainTests
{
    [Theory]
    [InlineData("58452", true)]
    [InlineData(" 44135 ", true)]
    [InlineData("01067", true)]
    [InlineData("00123", false)]
    [InlineData("5845", false)]
    [InlineData("584521", false)]
    [InlineData("58a52", false)]
    [InlineData("５８４５２", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void PostalCode_TryParse_AcceptsOnlyFiveAsciiDigits(string? text, bool valid)
    {
        Assert.Equal(valid, PostalCode.TryParse(text, out var postalCode));
        if (valid) Assert.Equal(text!.Trim(), postalCode!.Value.Value);
    }

    [Fact]
    public void PostalCode_Range_ExpandsInclusively()
    {
        Assert.Equal(["58452", "58453", "58454", "58455", "58456"], PostalCode.Range("58452", "58456").Select(p => p.Value));
        Assert.Throws<ArgumentException>(() => PostalCode.Range("58456", "58452"));
    }

    [Theory]
    [InlineData("witten", null)]
    [InlineData("bad-homburg", null)]
    [InlineData("admin", "reserviert")]
    [InlineData("www", "reserviert")]
    [InlineData("id", "reserviert")]
    [InlineData("api", "reserviert")]
    [InlineData("Witten", "Kleinbuchstaben")]
    [InlineData("-witten", "Kleinbuchstaben")]
    [InlineData("witten-", "Kleinbuchstaben")]
    [InlineData("wit ten", "Kleinbuchstaben")]
    [InlineData("", "Subdomain")]
    public void CitySlug_Validate_ExplainsWhatIsWrong(string slug, string? complaint)
    {
        var error = CitySlug.Validate(slug);

        if (complaint is null) Assert.Null(error);
        else Assert.Contains(complaint, error);
    }

    [Fact]
    public void City_Create_StartsInOnboardingWithItsArea()
    {
        var now = DateTimeOffset.Parse("2026-11-21T10:00:00Z");

        var city = City.Create("bochum", " Bochum ", "Europe/Berlin", [PostalCode.Parse("44787"), PostalCode.Parse("44787")], now);

        Assert.Equal(CityStatus.Onboarding, city.Status);
        Assert.False(city.Status.IsPublic());
        Assert.Equal("Bochum", city.Name);
        Assert.Single(city.ServiceArea);
        Assert.Equal(5, city.PilotDailyBookingCap);
        Assert.Equal(24, city.FreeCancellationHours);
        Assert.Equal(now, city.CreatedAt);
    }

    [Fact]
    public void City_Create_RefusesAReservedSlugAndAnUnknownTimeZone()
    {
        Assert.Throws<ArgumentException>(() => City.Create("admin", "Admin", "Europe/Berlin", [], DateTimeOffset.UtcNow));
        Assert.ThrowsAny<Exception>(() => City.Create("bochum", "Bochum", "Europe/Bochum", [], DateTimeOffset.UtcNow));
    }
}
