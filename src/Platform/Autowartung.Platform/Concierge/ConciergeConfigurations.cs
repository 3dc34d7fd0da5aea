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
