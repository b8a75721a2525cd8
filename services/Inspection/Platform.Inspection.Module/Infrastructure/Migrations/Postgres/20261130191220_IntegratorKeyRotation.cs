using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspection.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntegratorKeyRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "KeyExpiresAt",
                table: "integrators",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "KeyRotatedAt",
                table: "integrators",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousKeyExpiresAt",
                table: "integrators",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSalt",
                table: "integrators",
                type: "bytea",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSecretHash",
                table: "integrators",
                type: "bytea",
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
