using Autowartung.MultiTenancy.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Fleet;

internal sealed class ReplacementCarConfiguration : IEntityTypeConfiguration<ReplacementCar>
{
    public void Configure(EntityTypeBuilder<ReplacementCar> builder)
    {
        builder.ToTable("replacement_cars");
        builder.HasKey(c => c.Id);
        builder.IsMultiTenant();
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.LicensePlate).HasMaxLength(12);
        builder.Property(c => c.Model).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.LicensePlate).IsUnique();
        builder.HasIndex(c => c.Status);
    }
}

/// <remarks>The loan's booking is declared by Bookings (<c>CarLoanBookingConfiguration</c>), which sits above the fleet.</remarks>
internal sealed class CarLoanConfiguration : IEntityTypeConfiguration<CarLoan>
{
    public void Configure(EntityTypeBuilder<CarLoan> builder)
    {
        builder.ToTable("car_loans");
        builder.HasKey(l => l.Id);
        builder.IsMultiTenant();
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(10);
        builder.HasTenantReference<CarLoan, ReplacementCar>(nameof(CarLoan.CarId)).OnDelete(DeleteBehavior.Restrict);
        // One loan per booking; one loan out per car, so a car cannot be handed to two customers at once.
        builder.HasIndex(l => l.BookingId).IsUnique();
        builder.HasIndex(l => l.CarId).IsUnique().HasFilter("status = 'Out'").HasDatabaseName("ix_car_loans_one_out_per_car");
        builder.HasIndex(l => new { l.Status, l.LastDay });
        builder.ToTable(t => t.HasCheckConstraint("ck_car_loans_days", "last_day >= first_day"));
    }
}

internal sealed class FleetDayCounterConfiguration : IEntityTypeConfiguration<FleetDayCounter>
{
    public void Configure(EntityTypeBuilder<FleetDayCounter> builder)
    {
        builder.ToTable("fleet_day_counters");
        builder.HasKey(c => c.Date);
        builder.IsMultiTenant();
        builder.ToTable(t => t.HasCheckConstraint("ck_fleet_day_counters_taken", "taken >= 0"));
    }
}
