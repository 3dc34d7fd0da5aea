using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmedBookingsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_pickup_start_utc",
                table: "bookings",
                columns: new[] { "tenant_id", "pickup_start_utc" },
                filter: "status = 'Confirmed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookings_tenant_id_pickup_start_utc",
                table: "bookings");
        }
    }
}
