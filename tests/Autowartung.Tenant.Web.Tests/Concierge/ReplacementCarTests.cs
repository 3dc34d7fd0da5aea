using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Autowartung.Tenant.Web.Tests.Concierge.ProtocolRequests;

namespace Autowartung.Tenant.Web.Tests.Concierge;

/// <summary>
/// Replacement cars: the fleet's days are counters the database decides, a booking takes them from pickup to
/// its wished return and gives them back when it ends early; the jockey hands the car out and takes it back
/// inside the protocols; an order that runs longer keeps its car, and a clash is flagged to the admins once.
/// </summary>
public sealed class ReplacementCarTests(ConciergeApp app) : IClassFixture<ConciergeApp>
{
    [Fact]
    public async Task TwoCars_GiveTwoBookingsADay_HoweverManyRace_AndACancelGivesTheDaysBack()
    {
        var (first, second) = await FleetOfTwoAsync();
        await app.PoolAsync("A", "B", "C", "D", "E", "F");   // jockeys enough for all six in one window: only the cars are short
        var slot = await app.InCityAsync(async services =>
            (await services.GetRequiredService<FindSlots>().RunAsync((await QuoteAsync(services)).WorkshopId))[0]);
        var returnFrom = slot.Date.AddDays(1).ToDateTime(new TimeOnly(16, 0));   // two days: the pickup's and the next

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.InCityAsync(services => BookAsync(services, slot.Id, returnFrom))));

        Assert.Equal(2, attempts.Count(a => a.Succeeded));
        Assert.All(attempts.Where(a => !a.Succeeded), a => Assert.Equal(CreateBooking.NoCarFree, a.Failure!.Reason));
        Assert.Equal(2, await app.Database.ScalarAsync<long>("SELECT count(*) FROM car_loans WHERE status = 'Reserved' AND first_day = @p0", slot.Date));
        Assert.Equal(new[] { 2, 2 }, await TakenAsync(slot.Date, slot.Date.AddDays(1)));
        // The four refused left no booking behind: their transaction, slot place and all, was rolled back.
        Assert.Equal(2, await app.Database.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE contact_email LIKE '%@cars.test' AND slot_date = @p0", slot.Date));

        // The public answer says so, the contact step offers none, and one cancel frees both days again.
        using var anonymous = app.Factory.ClientFor("witten.autowartung.localhost");
        var availability = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/replacement-cars?from={slot.Date:yyyy-MM-dd}");
        Assert.Equal(JsonValueKind.Null, availability.GetProperty("freeUntil").ValueKind);
        var booked = attempts.First(a => a.Succeeded).Value;
        var cancelled = await app.InCityAsync(services => services.GetRequiredService<CancelBooking>().RunAsync(booked.Id, CancelledBy.Staff, "Test: Kunde verreist", null));
        Assert.True(cancelled.Succeeded);
        Assert.Equal(new[] { 1, 1 }, await TakenAsync(slot.Date, slot.Date.AddDays(1)));
        Assert.Equal("Released", await app.Database.ScalarAsync<string>("SELECT status FROM car_loans WHERE booking_id = @p0", booked.Id));
        availability = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/replacement-cars?from={slot.Date:yyyy-MM-dd}");
        Assert.True(DateOnly.Parse(availability.GetProperty("freeUntil").GetString()!) >= slot.Date.AddDays(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/replacement-cars?from=gestern")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/replacement-cars?from=2020-01-01")).StatusCode);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TheContactStep_OffersACarWhileOneIsFree_AndBooksItToTheWishedReturn()
    {
        await FleetOfTwoAsync();
        await app.PoolAsync("Lea");
        var (quote, slot) = await app.InCityAsync(async services =>
        {
            var quote = await QuoteAsync(services);
            return (quote, (await services.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId))[0]);
        });
        using var client = app.Factory.ClientFor("witten.autowartung.localhost");
        var page = $"/buchen/kontakt?quote={quote.Id}&slot={slot.Id}";
        var form = await client.GetStringAsync(page);
        Assert.Contains("data-testid=\"replacement-car\"", form);
        Assert.Contains("data-testid=\"car-free-until\"", form);

        var returnDay = slot.Date.AddDays(2);
        using (var held = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["IdempotencyKey"] = $"web-{Guid.NewGuid():N}",
            ["Name"] = "Karla Kundin",
            ["Email"] = $"kontakt-{Guid.NewGuid():N}@cars.test",
            ["Phone"] = "02302 1234",
            ["Street"] = "Ruhrstraße 1",
            ["Town"] = "Witten",
            ["LicensePlate"] = "EN-KK 7",
            ["ReturnDay"] = returnDay.ToString("yyyy-MM-dd"),
            ["ReturnTime"] = "10:00",
            ["ReplacementCar"] = "true",
        }))
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        var bookingId = await app.Database.ScalarAsync<Guid>("SELECT id FROM bookings WHERE license_plate = 'EN-KK 7' ORDER BY created_at DESC LIMIT 1");
        Assert.Equal((slot.Date, returnDay), (await app.Database.ScalarAsync<DateOnly>("SELECT first_day FROM car_loans WHERE booking_id = @p0", bookingId),
            await app.Database.ScalarAsync<DateOnly>("SELECT last_day FROM car_loans WHERE booking_id = @p0", bookingId)));
        Assert.Equal("10:00", await app.Database.ScalarAsync<string>("SELECT to_char(return_from_utc AT TIME ZONE 'Europe/Berlin', 'HH24:MI') FROM bookings WHERE id = @p0", bookingId));

        // With both cars held that day, the step says so and offers none.
        await app.Database.ExecuteAsync("UPDATE fleet_day_counters SET taken = 2 WHERE date = @p0", slot.Date);
        form = await client.GetStringAsync(page);
        Assert.Contains("data-testid=\"no-car\"", form);
        Assert.DoesNotContain("data-testid=\"replacement-car\"", form);
    }

    [Fact]
    public async Task TheJockey_HandsTheCarOutAtPickup_AndTakesItBackAtReturn_WithItsKmAndFuel()
    {
        var (carId, _) = await FleetOfTwoAsync();
        var (lea, booking, customer) = await app.PickupDueAsync(replacementCar: true);
        using var leas = app.As(lea);
        var tasks = await leas.GetFromJsonAsync<JsonElement>($"/api/v1/jockey/tasks?date={booking.SlotDate:yyyy-MM-dd}");
        var errand = tasks.EnumerateArray().Single(t => t.GetProperty("bookingId").GetGuid() == booking.Id);
        Assert.Equal(JsonValueKind.Null, errand.GetProperty("replacementCar").GetProperty("licensePlate").ValueKind);   // bring one: which is chosen there
        var page = await leas.GetStringAsync($"/jockey/protokoll/{booking.Id}/abholung");
        Assert.Contains("data-testid=\"replacement-car\"", page);
        Assert.Contains($"value=\"{carId}\"", page);

        var photos = await RequiredPhotosAsync(leas, booking.Id, "pickup", 300, 200);
        Assert.Contains("replacementCar", await ProtocolErrorsAsync(leas, booking.Id, Protocol(20_000, 70, photos, [])));
        Assert.Superset(new HashSet<string> { "replacementCar.carId", "replacementCar.odometerKm", "replacementCar.fuelPercent" },
            (await ProtocolErrorsAsync(leas, booking.Id, Protocol(20_000, 70, photos, []) with { ReplacementCar = new(Guid.NewGuid(), -1, 101) })).ToHashSet());
        Assert.Equal("Reserved", await app.Database.ScalarAsync<string>("SELECT status FROM car_loans WHERE booking_id = @p0", booking.Id));

        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup",
                   Protocol(20_000, 70, photos, []) with { ReplacementCar = new(carId, 8_100, 90) }))
        {
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
            var car = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replacementCar");
            Assert.Equal((8_100, 90), (car.GetProperty("kmOut").GetInt32(), car.GetProperty("fuelOutPercent").GetInt32()));
        }
        Assert.Equal("InUse", await app.Database.ScalarAsync<string>("SELECT status FROM replacement_cars WHERE id = @p0", carId));
        using var customers = app.As(customer);
        Assert.Equal("Out", (await customers.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}")).GetProperty("replacementCar").GetProperty("status").GetString());

        // Through the workshop; the return comes a day later than the loan held, so the loan takes that day too.
        await app.Database.ExecuteAsync("UPDATE bookings SET status = 'ReadyForReturn', return_from_utc = pickup_end_utc + interval '1 day' WHERE id = @p0", booking.Id);
        await app.AssignAsync();
        var returnDay = await app.Database.ScalarAsync<DateOnly>("SELECT date FROM jockey_tasks WHERE booking_id = @p0 AND kind = 'Return'", booking.Id);
        var plate = await app.Database.ScalarAsync<string>("SELECT license_plate FROM replacement_cars WHERE id = @p0", carId);
        var returnErrand = (await leas.GetFromJsonAsync<JsonElement>($"/api/v1/jockey/tasks?date={returnDay:yyyy-MM-dd}")).EnumerateArray().Single(t => t.GetProperty("bookingId").GetGuid() == booking.Id);
        Assert.Equal(plate, returnErrand.GetProperty("replacementCar").GetProperty("licensePlate").GetString());   // take this one back
        Assert.Equal(returnDay, await app.Database.ScalarAsync<DateOnly>("SELECT last_day FROM car_loans WHERE booking_id = @p0", booking.Id));
        Assert.True(returnDay > booking.SlotDate);

        var returnPhotos = await RequiredPhotosAsync(leas, booking.Id, "return", 300, 200);
        Assert.Contains("replacementCar", await ProtocolErrorsAsync(leas, booking.Id, Protocol(20_030, 60, returnPhotos, []), "return"));
        Assert.Contains("replacementCar.odometerKm",
            await ProtocolErrorsAsync(leas, booking.Id, Protocol(20_030, 60, returnPhotos, []) with { ReplacementCar = new(null, 8_000, 50) }, "return"));
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/return",
                   Protocol(20_030, 60, returnPhotos, []) with { ReplacementCar = new(null, 8_160, 40) }))
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        Assert.Equal("Back", await app.Database.ScalarAsync<string>("SELECT status FROM car_loans WHERE booking_id = @p0", booking.Id));
        Assert.Equal("Available", await app.Database.ScalarAsync<string>("SELECT status FROM replacement_cars WHERE id = @p0", carId));
        var protocol = await customers.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booking.Id}/protocols/return");
        var back = protocol.GetProperty("replacementCar");
        Assert.Equal((8_100, 8_160, 40), (back.GetProperty("kmOut").GetInt32(), back.GetProperty("kmBack").GetInt32(), back.GetProperty("fuelBackPercent").GetInt32()));
        var mail = Assert.Single(await Maildev.MatchingAsync(booking.Contact.Email, m => m.Subject.Contains("ist zurück", StringComparison.Ordinal), seconds: 30));
        var text = Poppler.Text(await Maildev.AttachmentBytesAsync(mail, $"Rueckgabeprotokoll-{booking.Number}.pdf"));
        Assert.Contains("Ersatzwagen", text);
        Assert.Contains("8.160 km", text);
    }

    [Fact]
    public async Task ACustomerWhoDoesNotTakeTheCar_FreesItsDays_AndACarOutCannotBeSetByHand()
    {
        var (carId, _) = await FleetOfTwoAsync();
        var (lea, booking, _) = await app.PickupDueAsync(replacementCar: true);
        using var leas = app.As(lea);
        var photos = await RequiredPhotosAsync(leas, booking.Id, "pickup", 300, 200);
        using (var recorded = await leas.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/protocols/pickup",
                   Protocol(30_000, 70, photos, []) with { ReplacementCar = new(null, null, null, NotTaken: true) }))
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("Released", await app.Database.ScalarAsync<string>("SELECT status FROM car_loans WHERE booking_id = @p0", booking.Id));
        Assert.Equal(new[] { 0 }, await TakenAsync(booking.SlotDate, booking.SlotDate));

        await app.Database.ExecuteAsync("UPDATE replacement_cars SET status = 'InUse' WHERE id = @p0", carId);
        var refused = await app.InCityAsync(services => services.GetRequiredService<ManageFleet>().SetStatusAsync(carId, ReplacementCarStatus.Maintenance));
        Assert.Equal(Platform.ResultStatus.Conflict, refused.Status);
        var byHand = await app.InCityAsync(services => services.GetRequiredService<ManageFleet>().SetStatusAsync(carId, ReplacementCarStatus.InUse));
        Assert.Equal(Platform.ResultStatus.Invalid, byHand.Status);
    }

    [Fact]
    public async Task AnOrderThatRunsLonger_KeepsItsCar_AndAClashIsFlaggedOnce()
    {
        await app.Database.ExecuteAsync("DELETE FROM car_loans");
        await app.Database.ExecuteAsync("DELETE FROM fleet_day_counters");
        await app.Database.ExecuteAsync("UPDATE replacement_cars SET status = 'Retired'");
        var carId = await AddCarAsync("EN-ER 9");
        await app.Database.ExecuteAsync("UPDATE replacement_cars SET status = 'InUse' WHERE id = @p0", carId);
        var booking = await app.ConfirmedBookingAsync();
        var today = await app.Database.ScalarAsync<DateOnly>("SELECT (now() AT TIME ZONE 'Europe/Berlin')::date");
        // The car went out two days ago until yesterday; another customer holds the fleet's only car for today.
        await app.Database.ExecuteAsync(
            """
            INSERT INTO car_loans (tenant_id, id, booking_id, first_day, last_day, status, car_id, km_out, fuel_out, out_at, clash_days, created_at)
            SELECT tenant_id, gen_random_uuid(), id, @p1::date - 2, @p1::date - 1, 'Out', @p2, 100, 100, now() - interval '2 days', '{}', now() FROM bookings WHERE id = @p0
            """, booking.Id, today, carId);
        await app.Database.ExecuteAsync(
            "INSERT INTO fleet_day_counters (tenant_id, date, taken) SELECT tenant_id, d::date, 1 FROM bookings, generate_series(@p1::date - 2, @p1::date, interval '1 day') d WHERE id = @p0",
            booking.Id, today);
        var flagsBefore = await app.OutboxCountAsync(CarLoans.ClashKind, "%");

        Assert.Equal(1, await ExtendAsync());

        Assert.Equal(today, await app.Database.ScalarAsync<DateOnly>("SELECT last_day FROM car_loans WHERE booking_id = @p0", booking.Id));
        Assert.Equal(new[] { today }, await app.Database.ScalarAsync<DateOnly[]>("SELECT clash_days FROM car_loans WHERE booking_id = @p0", booking.Id));
        Assert.Equal(new[] { 2 }, await TakenAsync(today, today));
        var flags = await app.OutboxCountAsync(CarLoans.ClashKind, "%", $"%{booking.Number}%");
        Assert.True(flags >= 1);
        Assert.Equal(flagsBefore + flags, await app.OutboxCountAsync(CarLoans.ClashKind, "%"));

        Assert.Equal(0, await ExtendAsync());   // up to date: nothing more, and nobody told twice
        Assert.Equal(flags, await app.OutboxCountAsync(CarLoans.ClashKind, "%", $"%{booking.Number}%"));
        await app.Database.ExecuteAsync("DELETE FROM car_loans WHERE booking_id = @p0", booking.Id);
    }

    private async Task<int> ExtendAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExtendCarLoans>().RunAsync();
    }

    /// <summary>A fleet of exactly two free cars (the others retired), and no loans of earlier tests.</summary>
    private async Task<(Guid First, Guid Second)> FleetOfTwoAsync()
    {
        await app.Database.ExecuteAsync("DELETE FROM car_loans");
        await app.Database.ExecuteAsync("DELETE FROM fleet_day_counters");
        await app.Database.ExecuteAsync("UPDATE replacement_cars SET status = 'Retired'");
        return (await AddCarAsync($"EN-EA {Random.Shared.Next(1, 9999)}"), await AddCarAsync($"EN-EB {Random.Shared.Next(1, 9999)}"));
    }

    private Task<Guid> AddCarAsync(string plate) => app.InCityAsync(async services =>
    {
        var added = await services.GetRequiredService<ManageFleet>().AddAsync(plate, "VW Polo");
        Assert.True(added.Succeeded);
        return await app.Database.ScalarAsync<Guid>("SELECT id FROM replacement_cars WHERE license_plate = @p0", plate);
    });

    private async Task<int[]> TakenAsync(DateOnly from, DateOnly to) =>
        (await app.Database.ScalarAsync<int[]>("SELECT coalesce(array_agg(coalesce(c.taken, 0) ORDER BY d), '{}') FROM generate_series(@p0::date, @p1::date, interval '1 day') d LEFT JOIN fleet_day_counters c ON c.date = d::date", from, to))!;

    private static async Task<Quote> QuoteAsync(IServiceProvider services) =>
        (await services.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
            new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;

    private static async Task<Platform.Result<Booking>> BookAsync(IServiceProvider services, string slotId, DateTime returnFrom)
    {
        var quote = await QuoteAsync(services);
        return await services.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slotId,
            new("Karla Kundin", $"kundin-{Guid.NewGuid():N}@cars.test", "02302 1234"), new("Ruhrstraße 1", "58454", "Witten"), "EN-JT 2", returnFrom, ReplacementCar: true),
            $"car-{Guid.NewGuid():N}", null);
    }
}
