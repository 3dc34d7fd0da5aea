using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Waitlist;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("waitlist_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Email).HasMaxLength(254);
        builder.Property(e => e.PostalCode).HasMaxLength(5).IsFixedLength();
        builder.Ignore(e => e.IsConfirmed);
        // The database keeps one entry per address and PLZ, also when two sign-ups race.
        builder.HasIndex(e => new { e.Email, e.PostalCode }).IsUnique();
    }
}
