using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Bookings;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasKey(b => b.Id);
        builder.IsMultiTenant();
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        // PostgreSQL's xmin as the row version: two writers of one booking cannot both win.
        builder.Property<uint>("Version").IsRowVersion();
        builder.Property(b => b.LicensePlate).HasMaxLength(12);
        builder.Property(b => b.Language).HasMaxLength(5).HasDefaultValue(Booking.German);
        builder.Ignore(b => b.SlotId);
        builder.HasTenantReference<Booking, Quote>(nameof(Booking.QuoteId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasTenantReference<Booking, PartnerWorkshop>(nameof(Booking.WorkshopId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasTenantReference<Booking, PickupWindow>(nameof(Booking.SlotWindowId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(b => b.CustomerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(b => b.Contact, contact =>
        {
            contact.Property(c => c.Name).HasColumnName("contact_name").HasMaxLength(120);
            contact.Property(c => c.Email).HasColumnName("contact_email").HasMaxLength(256);
            contact.Property(c => c.Phone).HasColumnName("contact_phone").HasMaxLength(40);
        });
        builder.ComplexProperty(b => b.Address, AddressColumns.Map);
        builder.ComplexProperty(b => b.Vehicle, QuotedVehicleColumns.Map);
        builder.OwnsMany(b => b.Lines, lines => lines.ToJson("lines"));
        builder.Navigation(b => b.Lines).HasField("_lines");
        builder.OwnsMany(b => b.Events, events =>
        {
            events.ToJson("events");
            events.Property(e => e.Status).HasConversion<string>();
            events.Property(e => e.Code).HasConversion<string>();
        });
        builder.Navigation(b => b.Events).HasField("_events");
        builder.HasIndex(b => new { b.CustomerUserId, b.CreatedAt });
        builder.HasIndex(b => new { b.Status, b.HoldExpiresAt });
        builder.HasIndex(b => new { b.SlotDate, b.SlotWindowId });
        // The jockeys' job looks across cities every few seconds for paid bookings still to plan: only those are in this index.
        builder.HasIndex(b => b.PickupStartUtc).HasFilter("status = 'Confirmed'");
    }
}

internal sealed class BookingRequestConfiguration : IEntityTypeConfiguration<BookingRequest>
{
    public void Configure(EntityTypeBuilder<BookingRequest> builder)
    {
        builder.ToTable("booking_requests");
        builder.HasKey(r => r.Key);
        builder.IsMultiTenant();
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.BodyHash).HasMaxLength(64).IsFixedLength();
        // No foreign key to the booking: the request row is written last in the booking's own transaction,
        // and a key that is already taken rolls the whole booking back.
    }
}

/// <summary>A replacement car's loan belongs to its booking; declared here because the fleet sits below bookings and does not know them.</summary>
internal sealed class CarLoanBookingConfiguration : IEntityTypeConfiguration<Fleet.CarLoan>
{
    public void Configure(EntityTypeBuilder<Fleet.CarLoan> builder) =>
        builder.HasTenantReference<Fleet.CarLoan, Booking>(nameof(Fleet.CarLoan.BookingId)).OnDelete(DeleteBehavior.Cascade);
}
