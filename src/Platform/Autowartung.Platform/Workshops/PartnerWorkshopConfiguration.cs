using Autowartung.Platform.Geography;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Workshops;

internal sealed class PartnerWorkshopConfiguration : IEntityTypeConfiguration<PartnerWorkshop>
{
    public void Configure(EntityTypeBuilder<PartnerWorkshop> builder)
    {
        builder.ToTable("partner_workshops");
        builder.HasKey(w => w.Id);
        builder.IsMultiTenant();
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(120);
        builder.ComplexProperty(w => w.Address, AddressColumns.Map);
        builder.Property(w => w.ServedPostalCodes).HasField("_servedPostalCodes").HasColumnName("served_postal_codes");
        builder.HasIndex(w => w.Name).IsUnique();
    }
}
