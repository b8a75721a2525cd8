using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FederationFlows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "child_progress",
                columns: table => new
                {
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ViaNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitsAssigned = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsReported = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedLate = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_progress", x => new { x.TaskId, x.NodeId });
                    table.ForeignKey(
                        name: "FK_child_progress_plan_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plan_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "received_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceiverNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OriginPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OriginTaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TaskNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgedRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportsRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalPlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LocalTaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    accepted_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    accepted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_received_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_cascades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChildNodeIds = table.Column<string>(type: "TEXT", nullable: false),
                    ReportsRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    cascaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    cascaded_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    cascaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_cascades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_task_cascades_plan_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "plan_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_child_progress_PlanId",
                table: "child_progress",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_received_tasks_LocalTaskId",
                table: "received_tasks",
                column: "LocalTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_received_tasks_SenderNodeId_OriginTaskId",
                table: "received_tasks",
                columns: new[] { "SenderNodeId", "OriginTaskId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_received_tasks_Status",
                table: "received_tasks",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_task_cascades_TaskId",
                table: "task_cascades",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "child_progress");

            migrationBuilder.DropTable(
                name: "received_tasks");

            migrationBuilder.DropTable(
                name: "task_cascades");
        }
    }
}
