using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Rectification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ItemsFromAbove : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OriginNodeId",
                table: "rectification_items",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "items_from_below",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Overdue = table.Column<bool>(type: "boolean", nullable: false),
                    EscalationOrder = table.Column<int>(type: "integer", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_items_from_below", x => new { x.NodeId, x.ItemId });
                });

            migrationBuilder.CreateTable(
                name: "missions_from_above",
                columns: table => new
                {
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OriginNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_missions_from_above", x => x.NoticeId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_items_from_below_MissionId_RegionCode",
                table: "items_from_below",
                columns: new[] { "MissionId", "RegionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "items_from_below");

            migrationBuilder.DropTable(
                name: "missions_from_above");

            migrationBuilder.DropColumn(
                name: "OriginNodeId",
                table: "rectification_items");
        }
    }
}
