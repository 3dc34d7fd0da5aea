using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Vehicles;

internal sealed class VehicleModelConfiguration : IEntityTypeConfiguration<VehicleModel>
{
    public void Configure(EntityTypeBuilder<VehicleModel> builder)
    {
        builder.ToTable("vehicle_models");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Make).HasMaxLength(60);
        builder.Property(v => v.Model).HasMaxLength(80);
        builder.Property(v => v.Class).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection<List<FuelType>>("_fuels").HasColumnName("fuels").ElementType(e => e.HasConversion<string>());
        builder.Ignore(v => v.Fuels);
        builder.HasIndex(v => new { v.Make, v.Model, v.YearFrom }).IsUnique();
    }
}

internal sealed class VehicleKeyNumberConfiguration : IEntityTypeConfiguration<VehicleKeyNumber>
{
    public void Configure(EntityTypeBuilder<VehicleKeyNumber> builder)
    {
        builder.ToTable("vehicle_key_numbers");
        builder.HasKey(k => new { k.Hsn, k.Tsn });
        builder.Property(k => k.Hsn).HasMaxLength(4).IsFixedLength();
        builder.Property(k => k.Tsn).HasMaxLength(3).IsFixedLength();
        builder.Property(k => k.Fuel).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<VehicleModel>().WithMany().HasForeignKey(k => k.VehicleModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.VehicleModelId);
    }
}
