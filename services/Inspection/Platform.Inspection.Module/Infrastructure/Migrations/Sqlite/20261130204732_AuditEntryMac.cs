using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspection.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEntryMac : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF refuses DropColumn on SQLite; SQLite 3.35+ does it itself.
            migrationBuilder.Sql("ALTER TABLE \"audit_entries\" DROP COLUMN \"Mac\"");
        }
    }
}
