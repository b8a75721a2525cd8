using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.BuildingBlocks.Federation.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkStateChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StateChangedAt",
                table: "federation_links",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StateChangedAt",
                table: "federation_links");
        }
    }
}
