using Autowartung.MultiTenancy;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Autowartung.Web.Links;

/// <summary>
/// Links into the current city's customer pages (Tenant.Web's routes), built from the platform's public
/// host names, never from a request's Host header. Any app can make them: the references are protected
/// with the shared key ring.
/// </summary>
public sealed class CityCustomerLinks(PlatformUrls urls, IMultiTenantContextAccessor<CityTenantInfo> tenancy, CustomerReferences references) : ICustomerLinks
{
    private Uri City => urls.City(tenancy.MultiTenantContext.TenantInfo?.Identifier ?? throw new InvalidOperationException("No city in scope."));

    public CheckoutReturn CheckoutReturn(Guid bookingId)
    {
        var reference = references.ForBooking(bookingId);
        return new CheckoutReturn(
            new Uri(QueryHelpers.AddQueryString(new Uri(City, "/buchen/bestaetigt").ToString(), "reference", reference)),
            new Uri(QueryHelpers.AddQueryString(new Uri(City, "/buchen/reserviert").ToString(), new Dictionary<string, string?> { ["reference"] = reference, ["abgebrochen"] = "true" })));
    }

    public Uri ConfirmPayment(Guid paymentId) =>
        new(QueryHelpers.AddQueryString(new Uri(City, "/zahlung/bestaetigen").ToString(), "reference", references.ForPayment(paymentId)));

    public Uri MyBookings() => new(City, "/meine-buchungen");

    public Uri ChooseReturn(Guid bookingId) => new(City, $"/meine-buchungen/{bookingId}/rueckgabe");

    public Uri DecideExtension(Guid extensionId, string token) => new(City, $"/auftragserweiterung/{extensionId}?k={Uri.EscapeDataString(token)}");
}
