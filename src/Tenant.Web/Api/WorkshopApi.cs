using Autowartung.Platform.Accounts;
using Autowartung.Platform.WorkshopOrders;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Autowartung.Tenant.Web.Api;

/// <summary>The workshop's orders for its staff, as its dashboard shows them.</summary>
public static class WorkshopApi
{
    public sealed record PickupSummary(string Url, string? PdfUrl, int OdometerKm, int FuelPercent, int Damages, IReadOnlyList<string> PhotoThumbnails);

    /// <param name="State">The dashboard's column: Arrivals, InService, AwaitingApproval or ReadyForReturn.</param>
    /// <param name="Since">When the order came into its state.</param>
    public sealed record OrderResponse(
        Guid Id, string Number, string State, string Status, DateTimeOffset Since, string LicensePlate, QuotesApi.Vehicle Vehicle, IReadOnlyList<string> Services,
        PickupSummary? Pickup, ExtensionsApi.ExtensionResponse? Extension);

    public static RouteGroupBuilder MapWorkshopApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workshop/orders", GetOrdersAsync).RequireAuthorization(Policies.WorkshopStaff).WithTags("Workshop");
        return api;
    }

    /// <summary>The caller's workshop's orders, all four columns or one (<c>?state=</c>); 400 for a state that is none of them.</summary>
    private static async Task<Results<Ok<List<OrderResponse>>, ValidationProblem>> GetOrdersAsync(
        string? state, HttpContext context, WorkshopBoard board, CancellationToken cancellationToken)
    {
        BoardColumn? column = null;
        if (state is not null)
        {
            if (!Enum.TryParse<BoardColumn>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["Bitte Arrivals, InService, AwaitingApproval oder ReadyForReturn angeben."] });
            column = parsed;
        }
        var workshop = context.Features.Get<UserAccess>()!.WorkshopId!.Value;
        var orders = await board.RunAsync(workshop, column, cancellationToken);
        return TypedResults.Ok(orders.Select(o =>
        {
            var b = o.Booking;
            var root = $"/api/v1/bookings/{b.Id}";
            return new OrderResponse(b.Id, b.Number, o.Column.ToString(), b.Status.ToString(), o.Since, b.LicensePlate,
                new QuotesApi.Vehicle(b.Vehicle.Make, b.Vehicle.Model, b.Vehicle.Year, b.Vehicle.Fuel.ToString(), b.Vehicle.MileageKm, b.Vehicle.Class.ToString()),
                b.Lines.Select(l => l.Description).ToList(),
                o.Pickup is { } p
                    ? new PickupSummary($"{root}/protocols/pickup", p.PdfPath is null ? null : $"{root}/protocols/pickup.pdf", p.OdometerKm, p.FuelPercent, p.Damages.Count,
                        o.PickupPhotos.Select(photo => $"{root}/photos/{photo.Id}?thumbnail=true").ToList())
                    : null,
                o.Extension is { } view ? ExtensionsApi.ToResponse(view) : null);
        }).ToList());
    }
}
