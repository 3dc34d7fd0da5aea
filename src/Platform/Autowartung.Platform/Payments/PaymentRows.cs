using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Payments;

/// <summary>One payment per booking, purpose and reference: the database's unique index decides between racing requests.</summary>
internal static class PaymentRows
{
    public static Task<Payment?> FindAsync(PlatformDbContext db, Guid bookingId, PaymentPurpose purpose, string reference, CancellationToken cancellationToken) =>
        db.Payments.SingleOrDefaultAsync(p => p.BookingId == bookingId && p.Purpose == purpose && p.Reference == reference, cancellationToken);

    /// <summary>
    /// Stores a new payment before the provider is called, so its idempotency key survives a crash right after
    /// the call. When another request stored the same payment a moment earlier, that one is the payment.
    /// </summary>
    public static async Task<Payment> AddOnceAsync(PlatformDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return payment;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (await FindAsync(db, payment.BookingId, payment.Purpose, payment.Reference, cancellationToken))!;
        }
    }
}
