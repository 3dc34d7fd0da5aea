using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests.Concierge;

/// <summary>
/// Witten from the demo seed, live, with its demo jockeys' shifts taken away: each test brings the jockeys
/// it means. The assignment job runs once at start (nothing to do then) and is left to the tests after that.
/// </summary>
public class ConciergeApp : AppFixture<Program>
{
    public CityTenantInfo Witten { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Jobs:AssignJockeysEverySeconds"] = "86400" };

    protected override async Task SeedAsync()
    {
        await using var services = Database.CreateServices();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        await Database.ExecuteAsync("UPDATE cities SET status = 'Live' WHERE slug = 'witten'");
        await Database.ExecuteAsync("UPDATE pickup_windows SET capacity = 100");
        await using var db = Database.CreateContext();
        Witten = (await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten")).ToTenantInfo();
    }

    /// <summary>
    /// Starts from a pool of just these jockeys of Witten, on shift all week all day, and no open task of an
    /// earlier test. Sorted by id, the assignment's tie-break.
    /// </summary>
    public async Task<PlatformUser[]> PoolAsync(params string[] names)
    {
        await Database.ExecuteAsync("DELETE FROM jockey_shifts");
        await Database.ExecuteAsync("UPDATE jockey_tasks SET status = 'Cancelled' WHERE status IN ('Unassigned', 'Assigned')");
        var people = new List<PlatformUser>();
        foreach (var name in names)
        {
            var person = await Database.AddPersonAsync($"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@jockeys.test");
            await Database.GrantAsync(Witten, person, MembershipRole.Jockey);
            await using var db = Database.CreateContext();
            using var tenant = Database.Tenancy.BeginScope(Witten);
            await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisplayName, $"{name} Fahrer"));
            db.JockeyShifts.AddRange(Enum.GetValues<DayOfWeek>().Select(day => JockeyShift.Create(person.Id, day, new TimeOnly(0, 0), new TimeOnly(23, 59))));
            await db.SaveChangesAsync();
            people.Add(person);
        }
        return [.. people.OrderBy(p => p.Id)];
    }

    /// <summary>A paid booking in Witten's <paramref name="slotIndex"/>-th free slot, or in <paramref name="slotId"/> (its payment is not what these tests are about).</summary>
    /// <param name="replacementCar">Book a car of the fleet along, from the pickup to the wished return (the same day by default).</param>
    public async Task<Booking> ConfirmedBookingAsync(int slotIndex = 0, string? slotId = null, bool replacementCar = false, DateTime? returnFrom = null)
    {
        var booking = await InCityAsync(async services =>
        {
            var quote = (await services.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
                new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
            slotId ??= (await services.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId))[slotIndex].Id;
            return (await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slotId,
                new("Karla Kundin", $"kundin-{Guid.NewGuid():N}@booking.test", "02302 1234"), new("Ruhrstraße 1", "58454", "Witten"), "EN-JT 1",
                returnFrom, replacementCar), $"concierge-{Guid.NewGuid():N}", null)).Value;
        });
        await Database.ExecuteAsync("UPDATE bookings SET status = 'Confirmed' WHERE id = @p0", booking.Id);
        return booking;
    }

    /// <summary>Two free slots of one day that do not overlap.</summary>
    public Task<(string First, string Second)> TwoSlotsOfOneDayAsync() => InCityAsync(async services =>
    {
        var workshop = await services.GetRequiredService<PlatformDbContext>().PartnerWorkshops.Select(w => w.Id).FirstAsync();
        var slots = await services.GetRequiredService<FindSlots>().RunAsync(workshop);
        return slots.SelectMany(a => slots.Where(b => b.Date == a.Date && b.StartUtc >= a.EndUtc).Select(b => (a.Id, b.Id))).First();
    });

    public Task<AssignJockeys.Run> AssignAsync() => InCityAsync(services => services.GetRequiredService<AssignJockeys>().RunAsync());

    public async Task<T> InCityAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(Witten);
        return await work(scope.ServiceProvider);
    }

    public async Task<JockeyTask> PickupOfAsync(Guid bookingId)
    {
        await using var db = Database.CreateContext();
        using var tenant = Database.Tenancy.BeginScope(Witten);
        return await db.JockeyTasks.AsNoTracking().SingleAsync(t => t.BookingId == bookingId && t.Kind == JockeyTaskKind.Pickup);
    }

    /// <summary>A jockey (Lea) assigned to a paid booking's pickup, and the booking's customer.</summary>
    public async Task<(PlatformUser Jockey, Booking Booking, PlatformUser Customer)> PickupDueAsync(bool replacementCar = false)
    {
        var lea = (await PoolAsync("Lea"))[0];
        var booking = await ConfirmedBookingAsync(replacementCar: replacementCar);
        await AssignAsync();
        if (await StatusAsync(booking.Id) != BookingStatus.PickupAssigned) throw new InvalidOperationException("The pickup found no jockey.");
        await using var db = Database.CreateContext();
        var customer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == booking.CustomerUserId);
        return (lea, booking, customer);
    }

    public Task<BookingStatus> StatusAsync(Guid bookingId) =>
        Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", bookingId).ContinueWith(t => Enum.Parse<BookingStatus>(t.Result!));

    public HttpClient As(PlatformUser user) => Factory.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(Factory.Services, user));

    public Task<long> OutboxCountAsync(string kind, string recipientLike, string subjectLike = "%") =>
        Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE kind = @p0 AND recipient LIKE @p1 AND subject LIKE @p2", kind, recipientLike, subjectLike);
}

public sealed class AssignmentTests(ConciergeApp app) : IClassFixture<ConciergeApp>
{
    [Fact]
    public async Task TheJockeysDay_ShowsTheirOwnTasks_WithMapAndPhone_AndNobodyElses()
    {
        var (lea, mo) = await app.PoolAsync("Lea", "Mo") is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var booking = await app.ConfirmedBookingAsync();
        await app.AssignAsync();
        var task = await app.PickupOfAsync(booking.Id);
        Assert.Equal(lea.Id, task.JockeyUserId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, app.Witten.TimeZone).DateTime);
        await app.Database.ExecuteAsync("UPDATE jockey_tasks SET date = @p0 WHERE id = @p1", today, task.Id);   // the page shows today and tomorrow

        using var leas = app.As(lea);
        var page = await leas.GetStringAsync("/jockey");
        Assert.Contains($"data-task=\"{task.Id}\"", page);
        Assert.Contains("EN-JT 1", page);
        Assert.Contains("href=\"tel:023021234\"", page);
        Assert.Contains("https://www.openstreetmap.org/search?query=Ruhrstra%C3%9Fe%201%2C%2058454%20Witten", page);
        Assert.Contains("HU/AU", page);
        var tasks = await leas.GetFromJsonAsync<JsonElement>($"/api/v1/jockey/tasks?date={today:yyyy-MM-dd}");
        var mine = Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("id").GetGuid() == task.Id);
        Assert.Equal(("Pickup", "Assigned", "EN-JT 1"), (mine.GetProperty("kind").GetString(), mine.GetProperty("status").GetString(), mine.GetProperty("licensePlate").GetString()));

        // The customer sees who comes, by first name, and the step on the timeline.
        await using (var db = app.Database.CreateContext())
        {
            var customer = await db.Users.AsNoTracking().SingleAsync(u => u.Email == booking.Contact.Email);
            using var customers = app.As(customer);
            var seen = await customers.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}");
            Assert.Equal("Lea", seen.GetProperty("jockey").GetProperty("firstName").GetString());
            Assert.Contains(seen.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("code").GetString() == "PickupAssigned");
        }

        using var mos = app.As(mo);
        Assert.DoesNotContain($"data-task=\"{task.Id}\"", await mos.GetStringAsync("/jockey"));
        Assert.Empty((await mos.GetFromJsonAsync<JsonElement>($"/api/v1/jockey/tasks?date={today:yyyy-MM-dd}")).EnumerateArray());
    }

    [Fact]
    public async Task TheJockeyWithFewestTasksThatDay_GetsTheTask_TiesToTheLowerId_AndTheCustomerIsTold()
    {
        var (lower, higher) = await app.PoolAsync("Anna", "Ben") is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var (morning, later) = await app.TwoSlotsOfOneDayAsync();
        var first = await app.ConfirmedBookingAsync(slotId: morning);
        await app.AssignAsync();
        var second = await app.ConfirmedBookingAsync(slotId: later);
        await app.AssignAsync();

        var (one, two) = (await app.PickupOfAsync(first.Id), await app.PickupOfAsync(second.Id));
        Assert.Equal((JockeyTaskStatus.Assigned, lower.Id), (one.Status, one.JockeyUserId));
        Assert.Equal(one.Date, two.Date);
        Assert.Equal(higher.Id, two.JockeyUserId);   // lower has one task that day, higher none
        Assert.Equal("PickupAssigned", await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", first.Id));
        var name = await app.Database.ScalarAsync<string>("SELECT display_name FROM users WHERE id = @p0", lower.Id);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE kind = @p0 AND recipient = @p1 AND subject LIKE @p2",
            AssignJockeys.AssignedKind, first.Contact.Email, $"%{name!.Split(' ')[0]} holt Ihr Auto ab%"));
    }

    [Fact]
    public async Task ParallelAssignments_NeverGiveOneJockeyTwoTasksAtOnce_TheDatabaseDecides()
    {
        var pool = await app.PoolAsync("Cem", "Dana", "Emil", "Frida");
        // Four bookings in one window: every jockey is free for each, and each run starts with the same favourite.
        var bookings = new List<Booking> { await app.ConfirmedBookingAsync(slotIndex: 2) };
        for (var i = 1; i < 4; i++) bookings.Add(await app.ConfirmedBookingAsync(slotId: bookings[0].SlotId));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.AssignAsync()));

        var tasks = new List<JockeyTask>();
        foreach (var booking in bookings) tasks.Add(await app.PickupOfAsync(booking.Id));
        Assert.All(tasks, t => Assert.Equal(JockeyTaskStatus.Assigned, t.Status));
        Assert.Equal(pool.Select(p => p.Id).Order(), tasks.Select(t => t.JockeyUserId!.Value).Order());
        foreach (var booking in bookings)   // one email per assignment, however many runs raced
            Assert.Equal(1L, await app.OutboxCountAsync(AssignJockeys.AssignedKind, booking.Contact.Email));
    }

    [Fact]
    public async Task RemovingTheJockeysShift_GivesTheTaskToAnotherAtOnce_AndTellsTheCustomerAgain()
    {
        var (lower, higher) = await app.PoolAsync("Gero", "Hanna") is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var booking = await app.ConfirmedBookingAsync(slotIndex: 3);
        await app.AssignAsync();
        Assert.Equal(lower.Id, (await app.PickupOfAsync(booking.Id)).JockeyUserId);

        var task = await app.PickupOfAsync(booking.Id);
        var shift = await app.Database.ScalarAsync<Guid>("SELECT id FROM jockey_shifts WHERE jockey_user_id = @p0 AND day = @p1", lower.Id, task.Date.DayOfWeek.ToString());
        var removed = await app.InCityAsync(async services => await services.GetRequiredService<ManageShifts>().RemoveAsync(lower.Id, shift));

        Assert.True(removed.Succeeded);
        Assert.Equal(higher.Id, (await app.PickupOfAsync(booking.Id)).JockeyUserId);
        Assert.Equal(2L, await app.OutboxCountAsync(AssignJockeys.AssignedKind, booking.Contact.Email));
        Assert.Equal("PickupAssigned", await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", booking.Id));
    }

    [Fact]
    public async Task WithNoJockeyFree_TheTaskIsFlagged_TheAdminsAreToldOnce_AndTheCustomerNot()
    {
        var pool = await app.PoolAsync("Ida");
        var booking = await app.ConfirmedBookingAsync(slotIndex: 4);
        await app.Database.ExecuteAsync("DELETE FROM jockey_shifts WHERE jockey_user_id = @p0", pool[0].Id);   // gone before the job came round

        await app.AssignAsync();
        await app.AssignAsync();

        var task = await app.PickupOfAsync(booking.Id);
        Assert.Equal(JockeyTaskStatus.Unassigned, task.Status);
        Assert.NotNull(task.UnstaffedSince);
        Assert.Equal("Confirmed", await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", booking.Id));
        Assert.Equal(0L, await app.OutboxCountAsync(AssignJockeys.AssignedKind, booking.Contact.Email));
        var admins = await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE is_platform_admin AND NOT is_disabled");
        Assert.True(admins > 0);
        Assert.Equal(admins, await app.OutboxCountAsync(AssignJockeys.UnstaffedKind, "%", $"%{booking.Number}%"));
    }

    [Fact]
    public async Task AJockeyGivesATaskBack_WithAReason_AnotherGetsIt_AndItNeverComesBackToThem()
    {
        var (nora, otto) = await app.PoolAsync("Nora", "Otto") is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var booking = await app.ConfirmedBookingAsync(slotIndex: 6);
        await app.AssignAsync();
        var task = await app.PickupOfAsync(booking.Id);
        Assert.Equal(nora.Id, task.JockeyUserId);

        var withoutReason = await app.InCityAsync(services => services.GetRequiredService<DeclineTask>().RunAsync(task.Id, nora.Id, " ", AuditOrigin.None));
        var notTheirs = await app.InCityAsync(services => services.GetRequiredService<DeclineTask>().RunAsync(task.Id, otto.Id, "Krank", AuditOrigin.None));
        Assert.Equal((ResultStatus.Invalid, ResultStatus.NotFound), (withoutReason.Status, notTheirs.Status));
        Assert.Equal(nora.Id, (await app.PickupOfAsync(booking.Id)).JockeyUserId);

        using var noras = app.As(nora);
        using var declined = await noras.SubmitAsync("/jockey", new Dictionary<string, string> { ["taskId"] = task.Id.ToString(), ["reason"] = "Auto springt nicht an" },
            "/jockey?handler=Decline");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);

        var moved = await app.PickupOfAsync(booking.Id);
        Assert.Equal((JockeyTaskStatus.Assigned, otto.Id), (moved.Status, moved.JockeyUserId));
        Assert.Equal([nora.Id], moved.DeclinedBy);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'JockeyTaskDeclined' AND user_id = @p0 AND detail LIKE '%Auto springt nicht an'", nora.Id));

        // Otto falls ill too: nobody is left who has not given it back, so it is flagged rather than handed back to Nora.
        Assert.True((await app.InCityAsync(services => services.GetRequiredService<DeclineTask>().RunAsync(task.Id, otto.Id, "Krank", AuditOrigin.None))).Succeeded);
        var unstaffed = await app.PickupOfAsync(booking.Id);
        Assert.Equal(JockeyTaskStatus.Unassigned, unstaffed.Status);
        Assert.NotNull(unstaffed.UnstaffedSince);
        Assert.Equal("Confirmed", await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", booking.Id));
    }

    [Fact]
    public async Task ACancelledBooking_GivesItsJockeyBack()
    {
        var pool = await app.PoolAsync("Jan");
        var cancelled = await app.ConfirmedBookingAsync(slotIndex: 5);
        await app.AssignAsync();
        Assert.Equal(pool[0].Id, (await app.PickupOfAsync(cancelled.Id)).JockeyUserId);

        var result = await app.InCityAsync(services => services.GetRequiredService<CancelBooking>().RunAsync(cancelled.Id, CancelledBy.Staff, "Kunde verreist", null));
        Assert.True(result.Succeeded);
        await app.AssignAsync();

        Assert.Equal(JockeyTaskStatus.Cancelled, (await app.PickupOfAsync(cancelled.Id)).Status);
    }
}

/// <summary>The same city with the assignment job running every second, as in production every few.</summary>
public sealed class ConciergeJobApp : ConciergeApp
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Jobs:AssignJockeysEverySeconds"] = "1" };
}

public sealed class AssignmentJobTests(ConciergeJobApp app) : IClassFixture<ConciergeJobApp>
{
    [Fact]
    public async Task AConfirmedBooking_GetsItsJockey_FromTheJobAlone()
    {
        var pool = await app.PoolAsync("Kira");
        var booking = await app.ConfirmedBookingAsync();

        string? status = null;
        for (var i = 0; i < 100 && status != "PickupAssigned"; i++)
        {
            await Task.Delay(100);
            status = await app.Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", booking.Id);
        }

        Assert.Equal("PickupAssigned", status);
        Assert.Equal(pool[0].Id, (await app.PickupOfAsync(booking.Id)).JockeyUserId);
    }
}
