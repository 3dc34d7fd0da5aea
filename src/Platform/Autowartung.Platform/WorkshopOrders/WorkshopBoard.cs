using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Extensions;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.WorkshopOrders;

/// <summary>The board's four columns, in the order a car goes through them.</summary>
public enum BoardColumn { Arrivals, InService, AwaitingApproval, ReadyForReturn }

/// <summary>
/// The workshop's dashboard: its own orders in four columns (today's arrivals, in service, awaiting the
/// customer's approval, ready for return), each with the car, its services, the pickup protocol (photos and
/// damages), how long it has been in its state, and the latest proposal of extra work with each item's
/// outcome. Nothing of another workshop is in it. Runs in the city's tenant scope.
/// </summary>
public sealed class WorkshopBoard(PlatformDbContext db, ReadExtensions extensions, TimeProvider clock)
{
    public sealed record Order(
        Booking Booking, BoardColumn Column, DateTimeOffset Since, HandoverProtocol? Pickup, IReadOnlyList<ProtocolPhoto> PickupPhotos,
        ReadExtensions.View? Extension);

    /// <summary>Which column a booking of that status stands in; null once it has left the workshop's hands (or before it comes).</summary>
    public static BoardColumn? ColumnOf(BookingStatus status) => status switch
    {
        BookingStatus.PickupAssigned or BookingStatus.PickedUp or BookingStatus.AtWorkshop => BoardColumn.Arrivals,
        BookingStatus.InService => BoardColumn.InService,
        BookingStatus.AwaitingApproval => BoardColumn.AwaitingApproval,
        BookingStatus.ReadyForReturn or BookingStatus.ReturnAssigned => BoardColumn.ReadyForReturn,
        _ => null,
    };

    /// <param name="column">One column only, or all four.</param>
    public async Task<IReadOnlyList<Order>> RunAsync(Guid workshopId, BoardColumn? column = null, CancellationToken cancellationToken = default)
    {
        var zone = ((CityTenantInfo)db.TenantInfo!).TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var statuses = Enum.GetValues<BookingStatus>().Where(s => ColumnOf(s) is { } c && (column is null || c == column)).ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.WorkshopId == workshopId && statuses.Contains(b.Status))
            .OrderBy(b => b.PickupStartUtc).ToListAsync(cancellationToken);
        // Arrivals are today's: a pickup of another day is not on the board yet, a car picked up earlier and still on its way is.
        bookings = bookings.Where(b => ColumnOf(b.Status) != BoardColumn.Arrivals || b.SlotDate == today || b.Status != BookingStatus.PickupAssigned).ToList();
        var ids = bookings.Select(b => b.Id).ToList();
        var pickups = await db.HandoverProtocols.AsNoTracking().Where(p => ids.Contains(p.BookingId) && p.Kind == ProtocolKind.Pickup)
            .ToDictionaryAsync(p => p.BookingId, cancellationToken);
        var protocolIds = pickups.Values.Select(p => p.Id).ToList();
        var photos = (await db.ProtocolPhotos.AsNoTracking().Where(p => p.ProtocolId != null && protocolIds.Contains(p.ProtocolId.Value))
            .OrderBy(p => p.Slot).ToListAsync(cancellationToken)).ToLookup(p => p.BookingId);
        var proposals = await db.OrderExtensions.AsNoTracking().Where(e => ids.Contains(e.BookingId) && e.Status != ExtensionStatus.Draft)
            .GroupBy(e => e.BookingId).Select(g => g.OrderByDescending(e => e.CreatedAt).Select(e => e.Id).First()).ToListAsync(cancellationToken);
        var views = new Dictionary<Guid, ReadExtensions.View>();
        foreach (var proposal in proposals)
            if (await extensions.ViewAsync(proposal, cancellationToken) is { } view) views[view.Extension.BookingId] = view;

        return bookings.Select(b => new Order(b, ColumnOf(b.Status)!.Value, b.Events.LastOrDefault(e => e.Status == b.Status)?.At ?? b.CreatedAt,
            pickups.GetValueOrDefault(b.Id), [.. photos[b.Id]], views.GetValueOrDefault(b.Id))).ToList();
    }
}
