using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignChildCascades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_child_cascades",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChildNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CascadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_child_cascades", x => new { x.CampaignId, x.ChildNodeId });
                });

            migrationBuilder.CreateTable(
                name: "child_nodes",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_nodes", x => x.NodeId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_child_cascades");

            migrationBuilder.DropTable(
                name: "child_nodes");
        }
    }
}
