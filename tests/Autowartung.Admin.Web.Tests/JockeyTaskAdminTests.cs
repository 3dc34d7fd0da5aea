using System.Net;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Admin.Web.Tests;

/// <summary>The admin's view of a city's jockey tasks: what found nobody comes first, and any task can be moved by hand.</summary>
public sealed class JockeyTaskAdminTests(ExpansionApp app) : IClassFixture<ExpansionApp>
{
    private async Task<(Guid BookingId, Guid TaskId, Guid JockeyId)> AssignedPickupAsync(string? slotId = null)
    {
        Guid bookingId = default;
        await app.InCityAsync("witten", async (services, db) =>
        {
            var quote = (await services.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
                new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
            slotId ??= (await services.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId)).First().Id;
            bookingId = (await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slotId,
                new("Admin Test", $"move-{Guid.NewGuid():N}@booking.test", "02302 1"), new("Ruhrstraße 1", "58454", "Witten"), "EN-MT 1"),
                $"move-{Guid.NewGuid():N}", null)).Value.Id;
            await app.Database.ExecuteAsync("UPDATE bookings SET status = 'Confirmed' WHERE id = @p0", bookingId);
            await services.GetRequiredService<AssignJockeys>().RunAsync();
        });
        await using var read = app.Database.CreateContext();
        var task = await read.JockeyTasks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.BookingId == bookingId);
        return (bookingId, task.Id, task.JockeyUserId!.Value);
    }

    [Fact]
    public async Task AnAdmin_SeesTheCitysTasks_AndMovesOneToAnotherJockey_Audited_ButNotToOneBusyThen()
    {
        var first = await AssignedPickupAsync();
        string slot;
        await using (var db = app.Database.CreateContext())
            slot = (await db.Bookings.IgnoreQueryFilters().AsNoTracking().SingleAsync(b => b.Id == first.BookingId)).SlotId;
        var second = await AssignedPickupAsync(slot);   // the same window: necessarily another jockey
        Assert.NotEqual(first.JockeyId, second.JockeyId);
        using var admin = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: true));

        var page = await admin.GetStringAsync("/staedte/witten");
        Assert.Contains($"data-task=\"{first.TaskId}\"", page);

        using var busy = await admin.SubmitAsync("/staedte/witten", new Dictionary<string, string> { ["jockeyUserId"] = second.JockeyId.ToString() },
            $"/staedte/witten?handler=MoveTask&taskId={first.TaskId}");
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(MoveTask.Busy), await busy.Content.ReadAsStringAsync());

        var free = await app.Database.ScalarAsync<Guid>(
            """
            SELECT m.user_id FROM memberships m JOIN cities c ON c.id = m.tenant_id
            WHERE c.slug = 'witten' AND m.role = 'Jockey' AND m.revoked_at IS NULL AND m.user_id <> ALL(@p0) LIMIT 1
            """, new[] { first.JockeyId, second.JockeyId });
        using var moved = await admin.SubmitAsync("/staedte/witten", new Dictionary<string, string> { ["jockeyUserId"] = free.ToString() },
            $"/staedte/witten?handler=MoveTask&taskId={first.TaskId}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(free, await app.Database.ScalarAsync<Guid>("SELECT jockey_user_id FROM jockey_tasks WHERE id = @p0", first.TaskId));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'JockeyTaskMoved' AND user_id = @p0 AND actor_user_id = @p1", free, app.Admin.Id));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages o JOIN bookings b ON b.contact_email = o.recipient WHERE b.id = @p0 AND o.kind = @p1", first.BookingId, AssignJockeys.AssignedKind));
    }
}
