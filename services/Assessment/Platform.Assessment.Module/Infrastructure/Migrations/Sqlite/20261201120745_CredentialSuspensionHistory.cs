using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            // A suspension recorded before this change (one per credential) becomes the first of its history.
            migrationBuilder.Sql("UPDATE \"credentials\" SET \"suspensions\" = json_array(json_object('From', \"SuspendedFrom\", 'Until', \"SuspendedUntil\", 'Reason', \"SuspensionReason\")) WHERE \"SuspendedFrom\" IS NOT NULL");
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
