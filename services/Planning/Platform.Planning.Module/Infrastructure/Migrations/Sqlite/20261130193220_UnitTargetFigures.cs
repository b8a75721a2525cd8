using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitTargetFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Aggregation",
                table: "task_targets",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "EachUnit");

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "task_targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "unit_target_figures",
                columns: table => new
                {
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChapterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Met = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reports = table.Column<int>(type: "INTEGER", nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    reported_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reported_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_target_figures", x => new { x.AssignmentId, x.TargetId });
                    table.ForeignKey(
                        name: "FK_unit_target_figures_assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_unit_target_figures_task_targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "task_targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assignments_PlanId_TaskId_Status",
                table: "assignments",
                columns: new[] { "PlanId", "TaskId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_target_figures_PlanId_TargetId_Met_Value",
                table: "unit_target_figures",
                columns: new[] { "PlanId", "TargetId", "Met", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_target_figures_PlanId_UnitId",
                table: "unit_target_figures",
                columns: new[] { "PlanId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_target_figures_TargetId",
                table: "unit_target_figures",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_unit_target_figures_TaskId",
                table: "unit_target_figures",
                column: "TaskId");

            // Targets made before they were numbered keep the order of their ids, the order they were made in.
            migrationBuilder.Sql("""
                UPDATE task_targets SET "Number" =
                    (SELECT COUNT(*) FROM task_targets t2 WHERE t2."TaskId" = task_targets."TaskId" AND t2."Id" <= task_targets."Id");
                """);

            // Each unit's figure is its latest report's, read back from the figures every report kept.
            migrationBuilder.Sql("""
                INSERT INTO unit_target_figures ("AssignmentId", "TargetId", "PlanId", "TaskId", "ChapterId", "UnitId", "UnitName", "Value", "Met",
                                                 "ReportId", "Reports", reported_at, reported_on_node, reported_by)
                SELECT f."AssignmentId", f."TargetId", a."PlanId", a."TaskId", a."ChapterId", a."UnitId", a."UnitName", f."Value",
                       CASE t."Comparison" WHEN 'AtLeast' THEN f."Value" >= t."Value" WHEN 'AtMost' THEN f."Value" <= t."Value"
                                           ELSE abs(f."Value" - t."Value") < 1e-9 END,
                       f."ReportId", f."Reports", f.reported_at, f.reported_on_node, f.reported_by
                FROM (
                    SELECT r."AssignmentId", upper(json_extract(j.value, '$.TargetId')) AS "TargetId", json_extract(j.value, '$.Value') AS "Value",
                           r."Id" AS "ReportId", r.reported_at, r.reported_on_node, r.reported_by,
                           ROW_NUMBER() OVER (PARTITION BY r."AssignmentId", upper(json_extract(j.value, '$.TargetId')) ORDER BY r.reported_at DESC, r."Id" DESC) AS n,
                           COUNT(*) OVER (PARTITION BY r."AssignmentId", upper(json_extract(j.value, '$.TargetId'))) AS "Reports"
                    FROM progress_reports r, json_each(r.figures) j
                    WHERE r.figures IS NOT NULL
                ) f
                JOIN assignments a ON a."Id" = f."AssignmentId"
                JOIN task_targets t ON t."Id" = f."TargetId"
                WHERE f.n = 1;
                """);

            // SQLite drops a plain column in place; EF's table rebuild would need foreign keys off outside the transaction.
            migrationBuilder.Sql("ALTER TABLE task_targets DROP COLUMN \"ReportedValue\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_target_figures");

            migrationBuilder.DropIndex(
                name: "IX_assignments_PlanId_TaskId_Status",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "Aggregation",
                table: "task_targets");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "task_targets");

            migrationBuilder.AddColumn<double>(
                name: "ReportedValue",
                table: "task_targets",
                type: "REAL",
                nullable: true);
        }
    }
}
