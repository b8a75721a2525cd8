using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.BuildingBlocks.Federation.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkRefusedByPeer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RefusedByPeerAt",
                table: "federation_links",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusedByPeerReason",
                table: "federation_links",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefusedByPeerAt",
                table: "federation_links");

            migrationBuilder.DropColumn(
                name: "RefusedByPeerReason",
                table: "federation_links");
        }
    }
}
