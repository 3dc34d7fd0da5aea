using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlotsAndBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booking_requests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_requests", x => new { x.tenant_id, x.key });
                    table.ForeignKey(
                        name: "fk_booking_requests_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "city_day_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_city_day_counters", x => new { x.tenant_id, x.date });
                    table.CheckConstraint("ck_city_day_counters_taken", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_city_day_counters_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "jockey_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jockey_counters", x => new { x.tenant_id, x.date, x.start, x.end });
                    table.CheckConstraint("ck_jockey_counters_taken", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_jockey_counters_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "jockey_shifts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    jockey_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jockey_shifts", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_jockey_shifts_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_jockey_shifts_users_jockey_user_id",
                        column: x => x.jockey_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pickup_windows",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pickup_windows", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_pickup_windows_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pickup_windows_partner_workshops_tenant_id_workshop_id",
                        columns: x => new { x.tenant_id, x.workshop_id },
                        principalTable: "partner_workshops",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshop_closures",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshop_closures", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_workshop_closures_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workshop_closures_partner_workshops_tenant_id_workshop_id",
                        columns: x => new { x.tenant_id, x.workshop_id },
                        principalTable: "partner_workshops",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    quote_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slot_window_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_date = table.Column<DateOnly>(type: "date", nullable: false),
                    pickup_start_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pickup_end_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hold_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    license_plate = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    total_gross_cents = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    address_postal_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    address_street = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    address_town = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    contact_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    vehicle_class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vehicle_fuel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vehicle_hsn = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    vehicle_make = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    vehicle_mileage_km = table.Column<int>(type: "integer", nullable: true),
                    vehicle_model = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    vehicle_tsn = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    vehicle_year = table.Column<int>(type: "integer", nullable: true),
                    events = table.Column<string>(type: "jsonb", nullable: true),
                    lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bookings_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_partner_workshops_tenant_id_workshop_id",
                        columns: x => new { x.tenant_id, x.workshop_id },
                        principalTable: "partner_workshops",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_pickup_windows_tenant_id_slot_window_id",
                        columns: x => new { x.tenant_id, x.slot_window_id },
                        principalTable: "pickup_windows",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_quotes_tenant_id_quote_id",
                        columns: x => new { x.tenant_id, x.quote_id },
                        principalTable: "quotes",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_users_customer_user_id",
                        column: x => x.customer_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "slot_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slot_counters", x => new { x.tenant_id, x.window_id, x.date });
                    table.CheckConstraint("ck_slot_counters_taken", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_slot_counters_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_slot_counters_pickup_windows_tenant_id_window_id",
                        columns: x => new { x.tenant_id, x.window_id },
                        principalTable: "pickup_windows",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_customer_user_id_created_at",
                table: "bookings",
                columns: new[] { "tenant_id", "customer_user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_slot_date_slot_window_id",
                table: "bookings",
                columns: new[] { "tenant_id", "slot_date", "slot_window_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_status_hold_expires_at",
                table: "bookings",
                columns: new[] { "tenant_id", "status", "hold_expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_jockey_shifts_tenant_id_day_jockey_user_id",
                table: "jockey_shifts",
                columns: new[] { "tenant_id", "day", "jockey_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_pickup_windows_tenant_id_workshop_id_day_start",
                table: "pickup_windows",
                columns: new[] { "tenant_id", "workshop_id", "day", "start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workshop_closures_tenant_id_workshop_id_date",
                table: "workshop_closures",
                columns: new[] { "tenant_id", "workshop_id", "date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_requests");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "city_day_counters");

            migrationBuilder.DropTable(
                name: "jockey_counters");

            migrationBuilder.DropTable(
                name: "jockey_shifts");

            migrationBuilder.DropTable(
                name: "slot_counters");

            migrationBuilder.DropTable(
                name: "workshop_closures");

            migrationBuilder.DropTable(
                name: "pickup_windows");
        }
    }
}
