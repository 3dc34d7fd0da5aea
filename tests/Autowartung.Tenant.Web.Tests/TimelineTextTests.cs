using System.Xml.Linq;
using Autowartung.Platform.Bookings;
using Autowartung.Testing;
using Autowartung.Web.Bookings;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>The timeline stores codes; every code has its German sentence and an English one for the customer's pages.</summary>
public sealed class TimelineTextTests
{
    public static TheoryData<BookingEventCode> Codes => new(Enum.GetValues<BookingEventCode>());

    private static readonly HashSet<string> English = XDocument
        .Load(Path.Combine(Repository.Root.FullName, "src", "Tenant.Web", "UiText.en.resx"))
        .Descendants("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCode_HasAGermanSentence_TranslatedForTheCustomersPages(BookingEventCode code)
    {
        var german = BookingTimeline.German(code);

        Assert.False(string.IsNullOrWhiteSpace(german));
        Assert.Contains(german, English);
    }

    [Fact]
    public void ACodesSentences_AreAllDifferent() =>
        Assert.Equal(Enum.GetValues<BookingEventCode>().Length, Enum.GetValues<BookingEventCode>().Select(BookingTimeline.German).Distinct().Count());
}
