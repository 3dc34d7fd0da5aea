using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>
/// A person's customer record at the provider: made once (idempotent per person), then looked up; made anew,
/// once per stale id, when the provider no longer knows it.
/// </summary>
internal static class PaymentCustomers
{
    public static async Task<string> EnsureAsync(
        PlatformDbContext db, IPaymentGateway gateway, Guid userId, BookingContact contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.PaymentCustomers.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.ProviderCustomerId).SingleOrDefaultAsync(cancellationToken);
        if (known is not null) return known;
        var created = await gateway.CreateCustomerAsync(userId, contact.Email, contact.Name, $"customer-{userId:N}", cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO payment_customers (user_id, provider_customer_id, created_at) VALUES ({userId}, {created}, {now}) ON CONFLICT (user_id) DO NOTHING",
            cancellationToken);
        return await CurrentAsync(db, userId, cancellationToken);
    }

    /// <summary>
    /// Replaces <paramref name="stale"/>, which the provider said it does not have. The key names the stale id, so
    /// a replay of the first creation cannot hand it back, and two requests replacing it at once get one customer.
    /// </summary>
    public static async Task<string> ReplaceAsync(
        PlatformDbContext db, IPaymentGateway gateway, Guid userId, string stale, BookingContact contact, CancellationToken cancellationToken)
    {
        var created = await gateway.CreateCustomerAsync(userId, contact.Email, contact.Name, $"customer-{userId:N}-replacing-{stale}", cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE payment_customers SET provider_customer_id = {created} WHERE user_id = {userId} AND provider_customer_id = {stale}",
            cancellationToken);
        return await CurrentAsync(db, userId, cancellationToken);
    }

    private static Task<string> CurrentAsync(PlatformDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.PaymentCustomers.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.ProviderCustomerId).SingleAsync(cancellationToken);
}
