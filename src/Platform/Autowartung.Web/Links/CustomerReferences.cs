using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Autowartung.Web.Links;

/// <summary>
/// Tamper-proof, time-limited references to a booking or a payment, for pages an anonymous booker
/// reaches by link (the summary, the checkout's return, the bank confirmation): nobody can guess
/// another's. Each kind has its own purpose, so one can never be used as the other.
/// </summary>
public sealed class CustomerReferences(IDataProtectionProvider protection)
{
    private const string BookingPurpose = "Autowartung.Booking.Summary";
    private const string PaymentPurpose = "Autowartung.Payment.Confirm";

    /// <summary>Long enough to come back from the checkout and to open the confirmation page again that day.</summary>
    private static readonly TimeSpan BookingLifetime = TimeSpan.FromHours(24);

    /// <summary>The bank confirmation of extra work is emailed; the customer may look a few days later.</summary>
    private static readonly TimeSpan PaymentLifetime = TimeSpan.FromDays(7);

    public string ForBooking(Guid bookingId) => Protect(BookingPurpose, bookingId, BookingLifetime);

    public bool TryReadBooking(string? reference, out Guid bookingId) => TryUnprotect(BookingPurpose, reference, out bookingId);

    public string ForPayment(Guid paymentId) => Protect(PaymentPurpose, paymentId, PaymentLifetime);

    public bool TryReadPayment(string? reference, out Guid paymentId) => TryUnprotect(PaymentPurpose, reference, out paymentId);

    private string Protect(string purpose, Guid id, TimeSpan lifetime) =>
        protection.CreateProtector(purpose).ToTimeLimitedDataProtector().Protect(id.ToString(), lifetime);

    private bool TryUnprotect(string purpose, string? reference, out Guid id)
    {
        id = Guid.Empty;
        if (string.IsNullOrEmpty(reference)) return false;
        try
        {
            return Guid.TryParse(protection.CreateProtector(purpose).ToTimeLimitedDataProtector().Unprotect(reference), out id);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
