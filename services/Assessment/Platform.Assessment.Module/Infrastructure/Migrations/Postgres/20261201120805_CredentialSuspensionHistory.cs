using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CredentialSuspensionHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "suspensions",
                table: "credentials",
                type: "jsonb",
                nullable: true);

            // A suspension recorded before this change (one per credential) becomes the first of its history.
            migrationBuilder.Sql("UPDATE \"credentials\" SET \"suspensions\" = jsonb_build_array(jsonb_build_object('From', \"SuspendedFrom\", 'Until', \"SuspendedUntil\", 'Reason', \"SuspensionReason\")) WHERE \"SuspendedFrom\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "suspensions",
                table: "credentials");
        }
    }
}
