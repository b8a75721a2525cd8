using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.WebConsole.Accounts.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountTotp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "accounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "accounts");
        }
    }
}
