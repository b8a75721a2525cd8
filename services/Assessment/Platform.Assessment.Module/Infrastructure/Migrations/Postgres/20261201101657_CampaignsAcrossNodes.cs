using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignsAcrossNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CascadedAt",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OriginCampaignId",
                table: "campaigns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginNodeId",
                table: "campaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiverNodeId",
                table: "campaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiverRegionCode",
                table: "campaigns",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "campaign_node_counts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ParentNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SenderNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CountsJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_node_counts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dossiers_from_below",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PostKind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Serving = table.Column<bool>(type: "boolean", nullable: false),
                    DossierJson = table.Column<string>(type: "text", nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers_from_below", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_OriginNodeId_OriginCampaignId",
                table: "campaigns",
                columns: new[] { "OriginNodeId", "OriginCampaignId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_campaign_node_counts_CampaignId_NodeId",
                table: "campaign_node_counts",
                columns: new[] { "CampaignId", "NodeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_from_below_NodeId_PersonId",
                table: "dossiers_from_below",
                columns: new[] { "NodeId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_from_below_PersonId",
                table: "dossiers_from_below",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_node_counts");

            migrationBuilder.DropTable(
                name: "dossiers_from_below");

            migrationBuilder.DropIndex(
                name: "IX_campaigns_OriginNodeId_OriginCampaignId",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "CascadedAt",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "OriginCampaignId",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "OriginNodeId",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "ReceiverNodeId",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "ReceiverRegionCode",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "campaigns");
        }
    }
}
