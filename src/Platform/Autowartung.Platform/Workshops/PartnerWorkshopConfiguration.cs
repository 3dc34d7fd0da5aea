using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Geography;
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
        // A value inside the workshop's row, without identity: no key that tenant stamping would have to move.
        // Mapped on the field: EF wants a list it can fill, the workshop hands out a read-only one.
        builder.Ignore(w => w.OpeningHours);
        builder.ComplexCollection<List<OpeningPeriod>, OpeningPeriod>("_openingHours", hours =>
        {
            hours.ToJson("opening_hours");
            hours.Property(p => p.Day).HasConversion<string>();
        });
        builder.HasIndex(w => w.Name).IsUnique();
    }
}
