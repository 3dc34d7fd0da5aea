using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExpansionCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "minimum_replacement_cars",
                table: "cities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "expansion_attestations",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    trainer = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    attested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expansion_attestations", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_expansion_attestations_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expansion_attestations_users_attested_by",
                        column: x => x.attested_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "replacement_cars",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    license_plate = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replacement_cars", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_replacement_cars_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expansion_attestations_tenant_id_attested_by",
                table: "expansion_attestations",
                columns: new[] { "tenant_id", "attested_by" });

            migrationBuilder.CreateIndex(
                name: "ix_expansion_attestations_tenant_id_kind_subject_id_attested_at",
                table: "expansion_attestations",
                columns: new[] { "tenant_id", "kind", "subject_id", "attested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_replacement_cars_tenant_id_license_plate",
                table: "replacement_cars",
                columns: new[] { "tenant_id", "license_plate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_replacement_cars_tenant_id_status",
                table: "replacement_cars",
                columns: new[] { "tenant_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expansion_attestations");

            migrationBuilder.DropTable(
                name: "replacement_cars");

            migrationBuilder.DropColumn(
                name: "minimum_replacement_cars",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "bookings");
        }
    }
}
