using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AppealsAndPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Adjustment = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    CombinedBefore = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    CombinedAfter = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    filed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    filed_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    filed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "score_publications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    RoutineShare = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnualShare = table.Column<int>(type: "INTEGER", nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false),
                    published_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    results = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_publications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_Year_UnitId",
                table: "appeals",
                columns: new[] { "Year", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_score_publications_Year",
                table: "score_publications",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeals");

            migrationBuilder.DropTable(
                name: "score_publications");
        }
    }
}
