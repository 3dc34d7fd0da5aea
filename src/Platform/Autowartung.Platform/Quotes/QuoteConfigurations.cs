using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Quotes;

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.ToTable("quotes");
        builder.HasKey(q => q.Id);
        builder.IsMultiTenant();
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.PostalCode).HasMaxLength(5).IsFixedLength();
        builder.HasTenantReference<Quote, PartnerWorkshop>(nameof(Quote.WorkshopId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => q.WorkshopId);
        builder.ComplexProperty(q => q.Vehicle, QuotedVehicleColumns.Map);
        builder.OwnsMany(q => q.Lines, lines => lines.ToJson("lines"));
        builder.Navigation(q => q.Lines).HasField("_lines");
    }
}

/// <summary>The car of a quote, and of the booking made from it, in the same vehicle_* columns.</summary>
internal static class QuotedVehicleColumns
{
    public static void Map(ComplexPropertyBuilder<QuotedVehicle> vehicle)
    {
        vehicle.Property(v => v.Make).HasColumnName("vehicle_make").HasMaxLength(60);
        vehicle.Property(v => v.Model).HasColumnName("vehicle_model").HasMaxLength(80);
        vehicle.Property(v => v.Year).HasColumnName("vehicle_year");
        vehicle.Property(v => v.Fuel).HasColumnName("vehicle_fuel").HasConversion<string>().HasMaxLength(20);
        vehicle.Property(v => v.MileageKm).HasColumnName("vehicle_mileage_km");
        vehicle.Property(v => v.Class).HasColumnName("vehicle_class").HasConversion<string>().HasMaxLength(20);
        vehicle.Property(v => v.Hsn).HasColumnName("vehicle_hsn").HasMaxLength(4);
        vehicle.Property(v => v.Tsn).HasColumnName("vehicle_tsn").HasMaxLength(3);
    }
}

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> builder)
    {
        builder.ToTable("catalog_items");
        builder.HasKey(i => i.Id);
        builder.IsMultiTenant();
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.Name).HasMaxLength(80);
        builder.Property(i => i.Description).HasMaxLength(400);
        builder.PrimitiveCollection<List<FuelType>>("_notFor").HasColumnName("not_for_fuels").ElementType(e => e.HasConversion<string>());
        builder.Ignore(i => i.NotFor);
        builder.HasIndex(i => i.Code).IsUnique();
    }
}

internal sealed class WorkshopPriceConfiguration : IEntityTypeConfiguration<WorkshopPrice>
{
    public void Configure(EntityTypeBuilder<WorkshopPrice> builder)
    {
        builder.ToTable("workshop_prices");
        builder.HasKey(p => p.Id);
        builder.IsMultiTenant();
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ItemCode).HasMaxLength(40);
        builder.Property(p => p.VehicleClass).HasConversion<string>().HasMaxLength(20);
        builder.HasTenantReference<WorkshopPrice, PartnerWorkshop>(nameof(WorkshopPrice.WorkshopId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.WorkshopId, p.ItemCode, p.VehicleClass }).IsUnique();
    }
}
