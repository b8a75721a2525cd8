using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspection.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegratorKeyRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "KeyExpiresAt",
                table: "integrators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "KeyRotatedAt",
                table: "integrators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreviousKeyExpiresAt",
                table: "integrators",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSalt",
                table: "integrators",
                type: "BLOB",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSecretHash",
                table: "integrators",
                type: "BLOB",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyExpiresAt",
                table: "integrators");

            migrationBuilder.DropColumn(
                name: "KeyRotatedAt",
                table: "integrators");

            migrationBuilder.DropColumn(
                name: "PreviousKeyExpiresAt",
                table: "integrators");

            migrationBuilder.DropColumn(
                name: "PreviousSalt",
                table: "integrators");

            migrationBuilder.DropColumn(
                name: "PreviousSecretHash",
                table: "integrators");
        }
    }
}
