using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "people",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "people");
        }
    }
}
