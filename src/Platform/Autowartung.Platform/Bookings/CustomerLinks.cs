namespace Autowartung.Platform.Bookings;

/// <summary>Where the hosted checkout sends the customer back to: paid, or went back without paying.</summary>
public sealed record CheckoutReturn(Uri Success, Uri Cancel);

/// <summary>
/// Links into the current city's customer pages, for emails and the payment provider. Made by the city
/// app, which owns those pages and the keys that sign their references.
/// </summary>
public interface ICustomerLinks
{
    CheckoutReturn CheckoutReturn(Guid bookingId);

    /// <summary>The page where the customer confirms a payment their bank wants to see them for.</summary>
    Uri ConfirmPayment(Guid paymentId);

    Uri MyBookings();

    /// <summary>The page where the customer picks another free window for the car's return.</summary>
    Uri ChooseReturn(Guid bookingId);

    /// <summary>The decision page of a proposal of extra work, opened by its emailed secret (or by the customer signed in).</summary>
    Uri DecideExtension(Guid extensionId, string token);
}
