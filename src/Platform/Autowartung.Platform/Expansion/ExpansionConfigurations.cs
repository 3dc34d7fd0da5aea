using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Expansion;

internal sealed class ExpansionAttestationConfiguration : IEntityTypeConfiguration<ExpansionAttestation>
{
    public void Configure(EntityTypeBuilder<ExpansionAttestation> builder)
    {
        builder.ToTable("expansion_attestations");
        builder.HasKey(a => a.Id);
        builder.IsMultiTenant();
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Trainer).HasMaxLength(120);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(a => a.AttestedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.Kind, a.SubjectId, a.AttestedAt });
        builder.HasIndex(a => a.AttestedBy);
    }
}
