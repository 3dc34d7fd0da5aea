using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <summary>
    /// A jockey's shifts on one day never overlap, and the database says so: an exclusion constraint over
    /// the shift's time range, per city, jockey and day (btree_gist gives GiST the equality on plain columns).
    /// Overlaps that two racing saves let in before are resolved first: of two overlapping shifts the
    /// earlier-created one stays (ids are version-7 GUIDs, so they sort by creation).
    /// </summary>
    public partial class JockeyShiftsNeverOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,");

            migrationBuilder.Sql(
                """
                DELETE FROM jockey_shifts later USING jockey_shifts earlier
                WHERE later.tenant_id = earlier.tenant_id AND later.jockey_user_id = earlier.jockey_user_id AND later.day = earlier.day
                  AND later.start < earlier."end" AND later."end" > earlier.start AND later.id > earlier.id;

                ALTER TABLE jockey_shifts ADD CONSTRAINT ex_jockey_shifts_no_overlap EXCLUDE USING gist (
                    tenant_id WITH =, jockey_user_id WITH =, day WITH =,
                    tsrange(DATE '2000-01-01' + start, DATE '2000-01-01' + "end") WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE jockey_shifts DROP CONSTRAINT ex_jockey_shifts_no_overlap;");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,");
        }
    }
}
