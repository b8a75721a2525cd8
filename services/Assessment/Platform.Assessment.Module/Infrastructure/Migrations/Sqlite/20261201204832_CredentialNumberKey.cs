using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CredentialNumberKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_Number",
                table: "credentials");

            migrationBuilder.AddColumn<string>(
                name: "NumberKey",
                table: "credentials",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // The credentials on file get their key before the unique index: trimmed and case folded (the full-width
            // forms NFKC folds are folded for new numbers by the service); a number that clashes so keeps its own key.
            migrationBuilder.Sql("UPDATE credentials SET \"NumberKey\" = upper(trim(\"Number\"));");
            migrationBuilder.Sql(
                "UPDATE credentials SET \"NumberKey\" = \"NumberKey\" || '#' || CAST(\"Id\" AS TEXT) " +
                "WHERE EXISTS (SELECT 1 FROM credentials o WHERE o.\"NumberKey\" = credentials.\"NumberKey\" AND o.\"Id\" < credentials.\"Id\");");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Number",
                table: "credentials",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_NumberKey",
                table: "credentials",
                column: "NumberKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_Number",
                table: "credentials");

            migrationBuilder.DropIndex(
                name: "IX_credentials_NumberKey",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "NumberKey",
                table: "credentials");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_Number",
                table: "credentials",
                column: "Number",
                unique: true);
        }
    }
}
