using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.IsMultiTenant();
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.FailureKind).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(200);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Property(p => p.PaymentIntentId).HasMaxLength(255);
        builder.Property(p => p.ChargeId).HasMaxLength(255);
        builder.Property(p => p.PaymentMethodId).HasMaxLength(255);
        builder.Property(p => p.PaymentMethodLabel).HasMaxLength(100);
        builder.Property(p => p.ActionUrl).HasMaxLength(2000);
        builder.Property(p => p.FailureCode).HasMaxLength(100);
        builder.HasTenantReference<Payment, Booking>(nameof(Payment.BookingId)).OnDelete(DeleteBehavior.Restrict);
        // One charge per thing paid for: asking twice for the same extension finds the first.
        builder.HasIndex(p => new { p.BookingId, p.Purpose, p.Reference }).IsUnique();
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        builder.IsMultiTenant();
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(300);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.ProviderRefundId).HasMaxLength(255);
        builder.Property(r => r.FailureReason).HasMaxLength(100);
        builder.HasTenantReference<Refund, Payment>(nameof(Refund.PaymentId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasTenantReference<Refund, Booking>(nameof(Refund.BookingId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.PaymentId);
        builder.HasIndex(r => r.BookingId);
        builder.HasIndex(r => new { r.Status, r.UpdatedAt });
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
    }
}

internal sealed class PaymentCustomerConfiguration : IEntityTypeConfiguration<PaymentCustomer>
{
    public void Configure(EntityTypeBuilder<PaymentCustomer> builder)
    {
        builder.ToTable("payment_customers");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.ProviderCustomerId).HasMaxLength(255);
        builder.HasIndex(c => c.ProviderCustomerId).IsUnique();
        builder.HasOne<PlatformUser>().WithOne().HasForeignKey<PaymentCustomer>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProviderEventConfiguration : IEntityTypeConfiguration<ProviderEvent>
{
    public void Configure(EntityTypeBuilder<ProviderEvent> builder)
    {
        builder.ToTable("provider_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.ObjectId).HasMaxLength(255);
        builder.Property(e => e.LastError).HasMaxLength(200);
        // The worker's queue: only what is still to do.
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("processed_at IS NULL");
    }
}
