using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <summary>The jockeys who gave a task back, so it is not offered to them again.</summary>
    public partial class JockeyTaskDeclines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "declined_by",
                table: "jockey_tasks",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");   // the tasks there are were declined by nobody
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "declined_by",
                table: "jockey_tasks");
        }
    }
}
