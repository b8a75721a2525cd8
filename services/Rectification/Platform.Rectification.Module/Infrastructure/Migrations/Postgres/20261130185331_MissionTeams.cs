using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Rectification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MissionTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mission_team_members",
                columns: table => new
                {
                    MissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mission_team_members", x => new { x.MissionId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_mission_team_members_UserId",
                table: "mission_team_members",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mission_team_members");
        }
    }
}
