using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.EmailHash).HasMaxLength(64);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.Property(a => a.UserAgent).HasMaxLength(300);
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.HasIndex(a => new { a.UserId, a.OccurredAt });
        builder.HasIndex(a => new { a.CityId, a.OccurredAt });
    }
}
