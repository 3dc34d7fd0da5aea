using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Notifications;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(300);
        builder.Property(m => m.ServerReply).HasMaxLength(500);
        builder.HasOne<Cities.City>().WithMany().HasForeignKey(m => m.CityId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsMany(m => m.Attachments, attachments => attachments.ToJson("attachments"));
        builder.Navigation(m => m.Attachments).HasField("_attachments");
        // The sender's question, "what is due", reads only the few pending rows.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'");
        builder.HasIndex(m => new { m.Status, m.CreatedAt });
        builder.HasIndex(m => m.CityId);
    }
}
