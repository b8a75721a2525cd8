using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Rectification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OwnMissionRegions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "own_mission_regions",
                columns: table => new
                {
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_own_mission_regions", x => new { x.MissionId, x.RegionCode });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "own_mission_regions");
        }
    }
}
