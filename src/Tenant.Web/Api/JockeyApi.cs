using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Autowartung.Tenant.Web.Api;

/// <summary>The signed-in jockey's own tasks in this city, for the phone pages and future apps.</summary>
public static class JockeyApi
{
    public sealed record Vehicle(string Name, string LicensePlate);

    public sealed record Place(string Street, string PostalCode, string Town);

    public sealed record JockeyTaskResponse(
        Guid Id, Guid BookingId, string BookingNumber, string Kind, DateTimeOffset WindowStartUtc, DateTimeOffset WindowEndUtc, string Status,
        Place Address, string LicensePlate, Vehicle Vehicle, string CustomerName, string Phone, IReadOnlyList<string> Services, ReplacementCar? ReplacementCar);

    /// <summary>A replacement car goes along: at pickup bring one (<c>licensePlate</c> null, choose it there), at return take this one back.</summary>
    public sealed record ReplacementCar(string? LicensePlate);

    public static RouteGroupBuilder MapJockeyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/jockey/tasks", GetTasksAsync).RequireAuthorization(Policies.Jockey).WithTags("Jockey");
        return api;
    }

    /// <summary>The caller's tasks on <c>date</c> (the city's local date; today when left out), in time order.</summary>
    private static async Task<Ok<List<JockeyTaskResponse>>> GetTasksAsync(DateOnly? date, HttpContext context, JockeyDay day, TimeProvider clock, CancellationToken cancellationToken)
    {
        var city = context.GetTenantInfo<CityTenantInfo>()!;
        var on = date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), city.TimeZone).DateTime);
        var errands = await day.ForAsync(context.Features.Get<UserAccess>()!.UserId, on, on, cancellationToken);
        return TypedResults.Ok(errands.Select(e => new JockeyTaskResponse(
            e.Id, e.BookingId, e.BookingNumber, e.Kind.ToString(), e.StartUtc, e.EndUtc, e.Status.ToString(),
            new Place(e.Address.Street, e.Address.PostalCode, e.Address.Town), e.LicensePlate, new Vehicle(e.Vehicle, e.LicensePlate),
            e.CustomerName, e.Phone, e.Services, e.ReplacementCar is { } car ? new ReplacementCar(car.LicensePlate) : null)).ToList());
    }
}
