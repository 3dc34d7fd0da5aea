using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Scheduling;

internal sealed class PickupWindowConfiguration : IEntityTypeConfiguration<PickupWindow>
{
    public void Configure(EntityTypeBuilder<PickupWindow> builder)
    {
        builder.ToTable("pickup_windows");
        builder.HasKey(w => w.Id);
        builder.IsMultiTenant();
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Day).HasConversion<string>().HasMaxLength(10);
        builder.HasTenantReference<PickupWindow, PartnerWorkshop>(nameof(PickupWindow.WorkshopId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.WorkshopId, w.Day, w.Start }).IsUnique();
    }
}

internal sealed class WorkshopClosureConfiguration : IEntityTypeConfiguration<WorkshopClosure>
{
    public void Configure(EntityTypeBuilder<WorkshopClosure> builder)
    {
        builder.ToTable("workshop_closures");
        builder.HasKey(c => c.Id);
        builder.IsMultiTenant();
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.HasTenantReference<WorkshopClosure, PartnerWorkshop>(nameof(WorkshopClosure.WorkshopId)).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.WorkshopId, c.Date }).IsUnique();
    }
}

internal sealed class JockeyShiftConfiguration : IEntityTypeConfiguration<JockeyShift>
{
    public void Configure(EntityTypeBuilder<JockeyShift> builder)
    {
        builder.ToTable("jockey_shifts");
        builder.HasKey(s => s.Id);
        builder.IsMultiTenant();
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Day).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(s => s.JockeyUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.Day, s.JockeyUserId });
    }
}

internal sealed class CounterConfigurations :
    IEntityTypeConfiguration<SlotCounter>, IEntityTypeConfiguration<CityDayCounter>, IEntityTypeConfiguration<JockeyCounter>
{
    public void Configure(EntityTypeBuilder<SlotCounter> builder)
    {
        builder.ToTable("slot_counters");
        builder.HasKey(c => new { c.WindowId, c.Date });
        builder.IsMultiTenant();
        builder.HasTenantReference<SlotCounter, PickupWindow>(nameof(SlotCounter.WindowId)).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_slot_counters_taken", "taken >= 0"));
    }

    public void Configure(EntityTypeBuilder<CityDayCounter> builder)
    {
        builder.ToTable("city_day_counters");
        builder.HasKey(c => c.Date);
        builder.IsMultiTenant();
        builder.ToTable(t => t.HasCheckConstraint("ck_city_day_counters_taken", "taken >= 0"));
    }

    public void Configure(EntityTypeBuilder<JockeyCounter> builder)
    {
        builder.ToTable("jockey_counters");
        builder.HasKey(c => new { c.Date, c.Start, c.End });
        builder.IsMultiTenant();
        builder.ToTable(t => t.HasCheckConstraint("ck_jockey_counters_taken", "taken >= 0"));
    }
}
