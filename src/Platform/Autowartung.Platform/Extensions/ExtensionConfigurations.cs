using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Extensions;

internal sealed class OrderExtensionConfiguration : IEntityTypeConfiguration<OrderExtension>
{
    public void Configure(EntityTypeBuilder<OrderExtension> builder)
    {
        builder.ToTable("order_extensions");
        builder.HasKey(e => e.Id);
        builder.IsMultiTenant();
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.LinkTokenHash).HasMaxLength(64);
        builder.Property(e => e.PageVersion).HasMaxLength(32);
        builder.HasTenantReference<OrderExtension, Booking>(nameof(OrderExtension.BookingId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(e => e.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(e => e.Items, items =>
        {
            items.ToJson("items");
            items.Property(i => i.Urgency).HasConversion<string>();
            items.Property(i => i.Decision).HasConversion<string>();
        });
        builder.Navigation(e => e.Items).HasField("_items");
        // One open proposal per booking: a draft or one waiting for the customer.
        builder.HasIndex(e => e.BookingId).IsUnique().HasFilter("status IN ('Draft', 'Sent')");
        builder.HasIndex(e => new { e.Status, e.SentAt });
    }
}

internal sealed class ExtensionPhotoConfiguration : IEntityTypeConfiguration<ExtensionPhoto>
{
    public void Configure(EntityTypeBuilder<ExtensionPhoto> builder)
    {
        builder.ToTable("extension_photos");
        builder.HasKey(p => p.Id);
        builder.IsMultiTenant();
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.HasTenantReference<ExtensionPhoto, Booking>(nameof(ExtensionPhoto.BookingId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.BookingId, p.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
    }
}
