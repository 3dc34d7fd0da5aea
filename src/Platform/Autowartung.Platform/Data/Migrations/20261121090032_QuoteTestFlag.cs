using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuoteTestFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "quotes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
            // Quotes from before the flag: a quote is a test when the booking made from it was.
            migrationBuilder.Sql("UPDATE quotes q SET is_test = true FROM bookings b WHERE b.tenant_id = q.tenant_id AND b.quote_id = q.id AND b.is_test;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_test",
                table: "quotes");
        }
    }
}
