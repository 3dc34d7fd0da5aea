using Autowartung.Platform.Scheduling;

namespace Autowartung.Platform.Tests;

public sealed class SlotCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly Guid Workshop = Guid.NewGuid();

    private static PickupWindow[] Daily(TimeOnly start, TimeOnly end) =>
        Enum.GetValues<DayOfWeek>().Select(day => PickupWindow.Create(Workshop, day, start, end, 3)).ToArray();

    [Theory]
    [InlineData("2026-03-28", "2026-03-28T06:00:00Z")]   // Saturday before: CET, UTC+1
    [InlineData("2026-03-29", "2026-03-29T05:00:00Z")]   // last Sunday of March: CEST from 02:00
    [InlineData("2026-10-24", "2026-10-24T05:00:00Z")]   // Saturday before: CEST, UTC+2
    [InlineData("2026-10-25", "2026-10-25T06:00:00Z")]   // last Sunday of October: CET from 03:00
    public void SevenOClockWindow_StaysAtSevenLocal_AcrossDaylightSavingChanges(string date, string expectedUtc)
    {
        var day = DateOnly.Parse(date);

        var slot = Assert.Single(SlotCalendar.Slots(Daily(new TimeOnly(7, 0), new TimeOnly(9, 0)), new HashSet<DateOnly>(), day, 1, Berlin));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc), slot.StartUtc);
        Assert.Equal(TimeSpan.FromHours(2), slot.EndUtc - slot.StartUtc);
        Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(slot.StartUtc, Berlin).DateTime));
    }

    [Fact]
    public void TimeSkippedInSpring_MovesForwardByTheGap()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:30:00Z"), SlotCalendar.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void TimeRepeatedInAutumn_IsTakenAtItsFirstOccurrence()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z"), SlotCalendar.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void ClosureDays_HaveNoSlots_AndWindowsFollowTheirWeekday()
    {
        var monday = PickupWindow.Create(Workshop, DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(9, 0), 3);
        var closed = new HashSet<DateOnly> { new(2026, 11, 30) };

        var slots = SlotCalendar.Slots([monday], closed, new DateOnly(2026, 11, 23), 14, Berlin).ToList();

        Assert.Equal([new DateOnly(2026, 11, 23)], slots.Select(s => s.Date));   // the 30th is closed; the 7th lies beyond 14 days
        Assert.All(slots, s => Assert.Equal(DayOfWeek.Monday, s.Date.DayOfWeek));
    }

    [Fact]
    public void SlotIds_RoundTrip_AndRejectGarbage()
    {
        var window = Guid.NewGuid();
        var id = SlotId.Format(window, new DateOnly(2026, 12, 1));

        Assert.True(SlotId.TryParse(id, out var parsedWindow, out var parsedDate));
        Assert.Equal((window, new DateOnly(2026, 12, 1)), (parsedWindow, parsedDate));
        Assert.False(SlotId.TryParse("kaputt", out _, out _));
        Assert.False(SlotId.TryParse($"{window:N}_20261332", out _, out _));
        Assert.False(SlotId.TryParse(null, out _, out _));
    }
}
