using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Cities;

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Slug).HasMaxLength(63);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.TimeZoneId).HasMaxLength(64);

        builder.OwnsMany(c => c.ServiceArea, area =>
        {
            area.ToTable("city_postal_codes");
            area.WithOwner().HasForeignKey("CityId");
            area.Property(p => p.Code).HasColumnName("postal_code").HasMaxLength(5).IsFixedLength();
            area.HasKey("CityId", nameof(ServiceAreaPostalCode.Code));
            // The database, not a check in code, keeps a PLZ from being served by two cities.
            area.HasIndex(p => p.Code).IsUnique();
        });
        builder.Navigation(c => c.ServiceArea).HasField("_serviceArea");
    }
}
