using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>A person's customer record at the provider: made once (idempotent per person), then looked up.</summary>
internal static class PaymentCustomers
{
    public static async Task<string> EnsureAsync(
        PlatformDbContext db, IPaymentGateway gateway, Guid userId, BookingContact contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var known = await db.PaymentCustomers.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.ProviderCustomerId).SingleOrDefaultAsync(cancellationToken);
        if (known is not null) return known;
        var created = await gateway.CreateCustomerAsync(userId, contact.Email, contact.Name, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO payment_customers (user_id, provider_customer_id, created_at) VALUES ({userId}, {created}, {now}) ON CONFLICT (user_id) DO NOTHING",
            cancellationToken);
        return await db.PaymentCustomers.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.ProviderCustomerId).SingleAsync(cancellationToken);
    }
}
