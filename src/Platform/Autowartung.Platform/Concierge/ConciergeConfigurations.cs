using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Concierge;

internal sealed class JockeyTaskConfiguration : IEntityTypeConfiguration<JockeyTask>
{
    public void Configure(EntityTypeBuilder<JockeyTask> builder)
    {
        builder.ToTable("jockey_tasks");
        builder.HasKey(t => t.Id);
        builder.IsMultiTenant();
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasTenantReference<JockeyTask, Booking>(nameof(JockeyTask.BookingId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(t => t.JockeyUserId).OnDelete(DeleteBehavior.Restrict);
        // One pickup and one return per booking: planning twice finds the first.
        builder.HasIndex(t => new { t.BookingId, t.Kind }).IsUnique();
        builder.HasIndex(t => new { t.Status, t.StartUtc });
        builder.HasIndex(t => new { t.JockeyUserId, t.Date });
        // ex_jockey_tasks_one_at_a_time (in the migration): a jockey's assigned tasks never overlap in time.
    }
}

internal sealed class HandoverProtocolConfiguration : IEntityTypeConfiguration<HandoverProtocol>
{
    public void Configure(EntityTypeBuilder<HandoverProtocol> builder)
    {
        builder.ToTable("handover_protocols");
        builder.HasKey(p => p.Id);
        builder.IsMultiTenant();
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        builder.PrimitiveCollection(p => p.Documents).ElementType().HasConversion<string>();
        builder.OwnsMany(p => p.Damages, damages =>
        {
            damages.ToJson("damages");
            damages.Property(d => d.Area).HasConversion<string>();
        });
        builder.Property(p => p.SignedBy).HasMaxLength(120);
        builder.Property(p => p.SignaturePath).HasMaxLength(200);
        builder.Property(p => p.PdfPath).HasMaxLength(200);
        builder.HasTenantReference<HandoverProtocol, Booking>(nameof(HandoverProtocol.BookingId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(p => p.RecordedBy).OnDelete(DeleteBehavior.Restrict);
        // One protocol of each kind per booking: a second submit is refused by the database, however it races.
        builder.HasIndex(p => new { p.BookingId, p.Kind }).IsUnique();
        // The PDF job looks for protocols still without one.
        builder.HasIndex(p => p.RecordedAt).HasFilter("pdf_path IS NULL");
    }
}

internal sealed class ProtocolPhotoConfiguration : IEntityTypeConfiguration<ProtocolPhoto>
{
    public void Configure(EntityTypeBuilder<ProtocolPhoto> builder)
    {
        builder.ToTable("protocol_photos");
        builder.HasKey(p => p.Id);
        builder.IsMultiTenant();
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Slot).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.Ignore(p => p.Path);
        builder.Ignore(p => p.ThumbnailPath);
        builder.HasTenantReference<ProtocolPhoto, Booking>(nameof(ProtocolPhoto.BookingId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasTenantReference<ProtocolPhoto, HandoverProtocol>(nameof(ProtocolPhoto.ProtocolId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(p => p.UploadedBy).OnDelete(DeleteBehavior.Restrict);
        // A repeated upload (same key) finds the first photo.
        builder.HasIndex(p => new { p.BookingId, p.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(p => new { p.BookingId, p.Kind });
    }
}
