using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_roster_entries_CampaignId_UnitId",
                table: "roster_entries");

            migrationBuilder.CreateIndex(
                name: "IX_roster_entries_dashboard",
                table: "roster_entries",
                columns: new[] { "CampaignId", "UnitId", "Level", "PostKind", "Status", "Rating" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_roster_entries_dashboard",
                table: "roster_entries");

            migrationBuilder.CreateIndex(
                name: "IX_roster_entries_CampaignId_UnitId",
                table: "roster_entries",
                columns: new[] { "CampaignId", "UnitId" });
        }
    }
}
