using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class HandoverProtocols : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "window_id",
                table: "jockey_tasks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "return_km_allowance",
                table: "cities",
                type: "integer",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "return_from_utc",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing errands hold their booking's slot; existing bookings come back the pickup day from 16:00, city time.
            migrationBuilder.Sql("""
                UPDATE jockey_tasks t SET window_id = b.slot_window_id
                FROM bookings b WHERE b.tenant_id = t.tenant_id AND b.id = t.booking_id;
                UPDATE bookings b SET return_from_utc = greatest(b.pickup_end_utc, (b.slot_date + time '16:00') AT TIME ZONE c.time_zone_id)
                FROM cities c WHERE c.id = b.tenant_id;
                """);

            migrationBuilder.CreateTable(
                name: "handover_protocols",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    odometer_km = table.Column<int>(type: "integer", nullable: false),
                    fuel_percent = table.Column<int>(type: "integer", nullable: false),
                    keys = table.Column<int>(type: "integer", nullable: false),
                    documents = table.Column<string[]>(type: "text[]", nullable: false),
                    signed_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    signature_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pdf_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pdf_created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    damages = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handover_protocols", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_handover_protocols_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_handover_protocols_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_handover_protocols_users_recorded_by",
                        column: x => x.recorded_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protocol_photos",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    slot = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    size_bytes = table.Column<int>(type: "integer", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    protocol_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protocol_photos", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_protocol_photos_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_protocol_photos_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_protocol_photos_handover_protocols_tenant_id_protocol_id",
                        columns: x => new { x.tenant_id, x.protocol_id },
                        principalTable: "handover_protocols",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_protocol_photos_users_uploaded_by",
                        column: x => x.uploaded_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_handover_protocols_tenant_id_booking_id_kind",
                table: "handover_protocols",
                columns: new[] { "tenant_id", "booking_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_handover_protocols_tenant_id_recorded_at",
                table: "handover_protocols",
                columns: new[] { "tenant_id", "recorded_at" },
                filter: "pdf_path IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_protocol_photos_tenant_id_booking_id_idempotency_key",
                table: "protocol_photos",
                columns: new[] { "tenant_id", "booking_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_protocol_photos_tenant_id_booking_id_kind",
                table: "protocol_photos",
                columns: new[] { "tenant_id", "booking_id", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protocol_photos");

            migrationBuilder.DropTable(
                name: "handover_protocols");

            migrationBuilder.DropColumn(
                name: "window_id",
                table: "jockey_tasks");

            migrationBuilder.DropColumn(
                name: "return_km_allowance",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "return_from_utc",
                table: "bookings");
        }
    }
}
