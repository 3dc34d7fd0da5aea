using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <summary>
    /// The key ring moves from our own repository to Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.
    /// Its DataProtectionKey has exactly the columns ours had (id, friendly_name, xml), so data_protection_keys
    /// stays as it is and every key row is carried over untouched: whoever is signed in stays signed in, and
    /// emailed links keep working (KeyRingMigrationTests). Only the model snapshot changes.
    /// </summary>
    public partial class KeyRingThroughEntityFrameworkCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
