using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "PreviousCheckpointHash",
                table: "audit_checkpoints",
                type: "character varying(64)",
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

            migrationBuilder.DropColumn(
                name: "Number",
                table: "audit_checkpoints");

            migrationBuilder.DropColumn(
                name: "PreviousCheckpointHash",
                table: "audit_checkpoints");
        }
    }
}
