using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.BuildingBlocks.Federation.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LinkRefusedByPeer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefusedByPeerAt",
                table: "federation_links",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusedByPeerReason",
                table: "federation_links",
                type: "character varying(500)",
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
