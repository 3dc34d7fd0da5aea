using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <summary>A jockey's errands (pickups and returns) for bookings, each assigned to at most one jockey.</summary>
    public partial class JockeyTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "jockey_tasks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    start_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    jockey_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unstaffed_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jockey_tasks", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_jockey_tasks_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_jockey_tasks_cities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_jockey_tasks_users_jockey_user_id",
                        column: x => x.jockey_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_jockey_tasks_tenant_id_booking_id_kind",
                table: "jockey_tasks",
                columns: new[] { "tenant_id", "booking_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jockey_tasks_tenant_id_jockey_user_id_date",
                table: "jockey_tasks",
                columns: new[] { "tenant_id", "jockey_user_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_jockey_tasks_tenant_id_status_start_utc",
                table: "jockey_tasks",
                columns: new[] { "tenant_id", "status", "start_utc" });

            // One jockey, one task at a time, across every city they drive for: the database decides
            // between two assignments racing for the same jockey.
            migrationBuilder.Sql(
                """
                ALTER TABLE jockey_tasks ADD CONSTRAINT ex_jockey_tasks_one_at_a_time EXCLUDE USING gist (
                    jockey_user_id WITH =, tstzrange(start_utc, end_utc) WITH &&) WHERE (status = 'Assigned');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jockey_tasks");
        }
    }
}
