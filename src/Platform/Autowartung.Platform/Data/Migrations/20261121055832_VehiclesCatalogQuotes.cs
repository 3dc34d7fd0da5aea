using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class VehiclesCatalogQuotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "labour_rate_net_cents",
                table: "partner_workshops",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "catalog_items",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    not_for_fuels = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_items", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_catalog_items_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quotes",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: false),
                    postal_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    total_net_cents = table.Column<int>(type: "integer", nullable: false),
                    total_vat_cents = table.Column<int>(type: "integer", nullable: false),
                    total_gross_cents = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    vehicle_class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vehicle_fuel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vehicle_hsn = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    vehicle_make = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    vehicle_mileage_km = table.Column<int>(type: "integer", nullable: true),
                    vehicle_model = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    vehicle_tsn = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    vehicle_year = table.Column<int>(type: "integer", nullable: true),
                    lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quotes", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_quotes_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_quotes_partner_workshops_tenant_id_workshop_id",
                        columns: x => new { x.tenant_id, x.workshop_id },
                        principalTable: "partner_workshops",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_models",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    make = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    model = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    year_from = table.Column<int>(type: "integer", nullable: false),
                    year_to = table.Column<int>(type: "integer", nullable: true),
                    @class = table.Column<string>(name: "class", type: "character varying(20)", maxLength: 20, nullable: false),
                    fuels = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workshop_prices",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    vehicle_class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    net_cents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshop_prices", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_workshop_prices_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workshop_prices_partner_workshops_tenant_id_workshop_id",
                        columns: x => new { x.tenant_id, x.workshop_id },
                        principalTable: "partner_workshops",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_key_numbers",
                columns: table => new
                {
                    hsn = table.Column<string>(type: "character(4)", fixedLength: true, maxLength: 4, nullable: false),
                    tsn = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    vehicle_model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fuel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_key_numbers", x => new { x.hsn, x.tsn });
                    table.ForeignKey(
                        name: "fk_vehicle_key_numbers_vehicle_models_vehicle_model_id",
                        column: x => x.vehicle_model_id,
                        principalTable: "vehicle_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_items_tenant_id_code",
                table: "catalog_items",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quotes_tenant_id_workshop_id",
                table: "quotes",
                columns: new[] { "tenant_id", "workshop_id" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_key_numbers_vehicle_model_id",
                table: "vehicle_key_numbers",
                column: "vehicle_model_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_models_make_model_year_from",
                table: "vehicle_models",
                columns: new[] { "make", "model", "year_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workshop_prices_tenant_id_workshop_id_item_code_vehicle_cla~",
                table: "workshop_prices",
                columns: new[] { "tenant_id", "workshop_id", "item_code", "vehicle_class" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_items");

            migrationBuilder.DropTable(
                name: "quotes");

            migrationBuilder.DropTable(
                name: "vehicle_key_numbers");

            migrationBuilder.DropTable(
                name: "workshop_prices");

            migrationBuilder.DropTable(
                name: "vehicle_models");

            migrationBuilder.DropColumn(
                name: "labour_rate_net_cents",
                table: "partner_workshops");
        }
    }
}
