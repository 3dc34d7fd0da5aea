using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Extensions;

/// <summary>What became of an item, as staff and the customer see it at once.</summary>
public enum ItemOutcome { Draft, Pending, ApprovedAndPaid, ApprovedAwaitingPayment, ApprovedPaymentFailed, Declined, Expired }

/// <summary>
/// A booking's proposals of extra work as its parties see them: staff of its workshop and admins every one
/// (drafts too), its customer the sent ones, and the emailed link only its own. Each with the booking's total
/// before, the approved extras and the new total, and each item's outcome with the charge. Anyone else, and
/// another city, finds nothing. Runs in the city's tenant scope.
/// </summary>
public sealed class ReadExtensions(PlatformDbContext db, BookingParties parties)
{
    public sealed record View(OrderExtension Extension, int OrderTotalGrossCents, Payment? Payment)
    {
        public int NewTotalGrossCents => OrderTotalGrossCents + Extension.ApprovedGrossCents;

        public ItemOutcome Outcome(ExtensionItem item) => (Extension.Status, item.Decision, Payment?.Status) switch
        {
            (ExtensionStatus.Draft, _, _) => ItemOutcome.Draft,
            (_, ItemDecision.Pending, _) => ItemOutcome.Pending,
            (_, ItemDecision.Declined, _) => ItemOutcome.Declined,
            (_, ItemDecision.Expired, _) => ItemOutcome.Expired,
            (_, ItemDecision.Approved, PaymentStatus.Succeeded) => ItemOutcome.ApprovedAndPaid,
            (_, ItemDecision.Approved, PaymentStatus.Failed) => ItemOutcome.ApprovedPaymentFailed,
            _ => ItemOutcome.ApprovedAwaitingPayment,
        };
    }

    /// <summary>The booking's proposals for <paramref name="caller"/>; null (404) when they are no party of it.</summary>
    public async Task<IReadOnlyList<View>?> ForBookingAsync(Guid bookingId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (await parties.FindAsync(bookingId, caller, cancellationToken: cancellationToken) is not { } found) return null;
        var staff = found.Is(Party.Workshop) || found.Is(Party.Admin);
        if (!staff && !found.Is(Party.Customer)) return null;
        var extensions = await db.OrderExtensions.AsNoTracking()
            .Where(e => e.BookingId == bookingId && (staff || e.Status != ExtensionStatus.Draft)).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        return await ViewsAsync(found.Booking.TotalGrossCents, extensions, cancellationToken);
    }

    /// <summary>One proposal for a party of its booking, or for the holder of its link; null (404) for anyone else.</summary>
    public async Task<View?> FindAsync(Guid extensionId, Caller? caller, string? linkToken, CancellationToken cancellationToken = default)
    {
        var extension = await db.OrderExtensions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        if (extension is null) return null;
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == extension.BookingId, cancellationToken);
        var sent = extension.Status != ExtensionStatus.Draft;
        var allowed = sent && ExtensionLinks.Matches(linkToken, extension.LinkTokenHash);
        if (!allowed && caller is not null && await parties.FindAsync(booking.Id, caller, cancellationToken: cancellationToken) is { } found)
            allowed = found.Is(Party.Workshop) || found.Is(Party.Admin) || (sent && found.Is(Party.Customer));
        return allowed ? (await ViewsAsync(booking.TotalGrossCents, [extension], cancellationToken))[0] : null;
    }

    /// <summary>A proposal for a caller that checked the reader's right already (the workshop's own board).</summary>
    public async Task<View?> ViewAsync(Guid extensionId, CancellationToken cancellationToken = default)
    {
        var extension = await db.OrderExtensions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        if (extension is null) return null;
        var total = await db.Bookings.AsNoTracking().Where(b => b.Id == extension.BookingId).Select(b => b.TotalGrossCents).SingleAsync(cancellationToken);
        return (await ViewsAsync(total, [extension], cancellationToken))[0];
    }

    /// <summary>Whether the photo belongs to a sent proposal the link opens.</summary>
    public async Task<bool> LinkShowsPhotoAsync(Guid bookingId, Guid photoId, string? linkToken, CancellationToken cancellationToken = default)
    {
        if (linkToken is null) return false;
        var extensions = await db.OrderExtensions.AsNoTracking().Where(e => e.BookingId == bookingId && e.Status != ExtensionStatus.Draft).ToListAsync(cancellationToken);
        return extensions.Any(e => ExtensionLinks.Matches(linkToken, e.LinkTokenHash) && e.Items.Any(i => i.PhotoIds.Contains(photoId)));
    }

    private async Task<IReadOnlyList<View>> ViewsAsync(int orderTotal, IReadOnlyList<OrderExtension> extensions, CancellationToken cancellationToken)
    {
        var paymentIds = extensions.Where(e => e.PaymentId is not null).Select(e => e.PaymentId!.Value).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return extensions.Select(e => new View(e, orderTotal, e.PaymentId is { } id ? payments.GetValueOrDefault(id) : null)).ToList();
    }
}
