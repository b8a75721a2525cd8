using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Rectification.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditCheckpointChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Number",
                table: "audit_checkpoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "PreviousCheckpointHash",
                table: "audit_checkpoints",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_audit_checkpoints_Number",
                table: "audit_checkpoints",
                column: "Number");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_checkpoints_Number",
                table: "audit_checkpoints");

            // EF refuses DropColumn on SQLite; SQLite 3.35+ does it itself.
            migrationBuilder.Sql("ALTER TABLE \"audit_checkpoints\" DROP COLUMN \"Number\"");

            // EF refuses DropColumn on SQLite; SQLite 3.35+ does it itself.
            migrationBuilder.Sql("ALTER TABLE \"audit_checkpoints\" DROP COLUMN \"PreviousCheckpointHash\"");
        }
    }
}
