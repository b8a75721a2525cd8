using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspection.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FindingSeverityIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_findings_MissionId_Severity_Id",
                table: "findings",
                columns: new[] { "MissionId", "Severity", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_ResponsibleUnitId_Severity_Id",
                table: "findings",
                columns: new[] { "ResponsibleUnitId", "Severity", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_findings_MissionId_Severity_Id",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "IX_findings_ResponsibleUnitId_Severity_Id",
                table: "findings");
        }
    }
}
