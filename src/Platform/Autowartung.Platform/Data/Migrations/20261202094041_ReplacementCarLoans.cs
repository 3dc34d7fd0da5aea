using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplacementCarLoans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "car_loans",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    car_id = table.Column<Guid>(type: "uuid", nullable: true),
                    km_out = table.Column<int>(type: "integer", nullable: true),
                    fuel_out = table.Column<int>(type: "integer", nullable: true),
                    out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    km_back = table.Column<int>(type: "integer", nullable: true),
                    fuel_back = table.Column<int>(type: "integer", nullable: true),
                    back_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    clash_days = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_car_loans", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_car_loans_days", "last_day >= first_day");
                    table.ForeignKey(
                        name: "fk_car_loans_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_car_loans_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_car_loans_replacement_cars_tenant_id_car_id",
                        columns: x => new { x.tenant_id, x.car_id },
                        principalTable: "replacement_cars",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fleet_day_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fleet_day_counters", x => new { x.tenant_id, x.date });
                    table.CheckConstraint("ck_fleet_day_counters_taken", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_fleet_day_counters_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_car_loans_tenant_id_booking_id",
                table: "car_loans",
                columns: new[] { "tenant_id", "booking_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_car_loans_tenant_id_car_id",
                table: "car_loans",
                columns: new[] { "tenant_id", "car_id" },
                unique: true,
                filter: "status = 'Out'");

            migrationBuilder.CreateIndex(
                name: "ix_car_loans_tenant_id_status_last_day",
                table: "car_loans",
                columns: new[] { "tenant_id", "status", "last_day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "car_loans");

            migrationBuilder.DropTable(
                name: "fleet_day_counters");
        }
    }
}
