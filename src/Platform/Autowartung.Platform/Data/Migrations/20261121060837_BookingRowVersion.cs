using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class BookingRowVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "bookings",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "bookings");
        }
    }
}
