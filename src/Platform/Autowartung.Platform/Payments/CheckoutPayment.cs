using System.Linq.Expressions;

namespace Autowartung.Platform.Payments;

/// <summary>
/// "The booking's checkout payment": the one charge a booking is paid with in the hosted checkout
/// (extra work is charged apart, with its own reference). Named once, here, for every query that needs it.
/// </summary>
public static class CheckoutPayment
{
    /// <summary>For queries that join payments to bookings themselves.</summary>
    public static readonly Expression<Func<Payment, bool>> IsCheckout = p => p.Purpose == PaymentPurpose.Booking;

    public static IQueryable<Payment> CheckoutOf(this IQueryable<Payment> payments, Guid bookingId) =>
        payments.Where(IsCheckout).Where(p => p.BookingId == bookingId);

    public static IQueryable<Payment> CheckoutsOf(this IQueryable<Payment> payments, IReadOnlyCollection<Guid> bookingIds) =>
        payments.Where(IsCheckout).Where(p => bookingIds.Contains(p.BookingId));
}
