using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Rectification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RectificationItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escalation_ladder",
                columns: table => new
                {
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ChineseName = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OverdueWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    SendBacks = table.Column<int>(type: "integer", nullable: false),
                    Roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CopyToDiscipline = table.Column<bool>(type: "boolean", nullable: false),
                    CopyToOrganisation = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedOnNode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_ladder", x => x.Order);
                });

            migrationBuilder.CreateTable(
                name: "rectification_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FindingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    MissionId = table.Column<Guid>(type: "uuid", nullable: true),
                    MissionTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    OriginalDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Overdue = table.Column<bool>(type: "boolean", nullable: false),
                    OverdueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SendBackCount = table.Column<int>(type: "integer", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    ExtensionCount = table.Column<int>(type: "integer", nullable: false),
                    EscalationOrder = table.Column<int>(type: "integer", nullable: false),
                    ProposedOrder = table.Column<int>(type: "integer", nullable: true),
                    ProposalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Measures = table.Column<List<string>>(type: "text[]", nullable: false),
                    ProgressPercent = table.Column<int>(type: "integer", nullable: false),
                    LatestProgress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CompletionSummary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Evidence = table.Column<List<string>>(type: "text[]", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    HistoryCount = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    opened_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    milestones = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectification_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StepOrder = table.Column<int>(type: "integer", nullable: false),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    applied_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_escalations_rectification_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "rectification_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "extension_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PreviousDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_extension_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_extension_requests_rectification_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "rectification_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "item_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_item_history_rectification_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "rectification_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "escalation_ladder",
                columns: new[] { "Order", "ChineseName", "Code", "CopyToDiscipline", "CopyToOrganisation", "OverdueWorkingDays", "Roles", "SendBacks", "UpdatedAt", "UpdatedBy", "UpdatedOnNode" },
                values: new object[,]
                {
                    { 1, "提醒", "reminder", false, false, 1, "office_staff inspector", 0, null, null, null },
                    { 2, "催办", "urge", false, false, 5, "office_staff inspector", 0, null, null, null },
                    { 3, "督办函", "supervision_letter", false, true, 10, "office_staff", 2, null, null, null },
                    { 4, "约谈", "interview", true, true, 20, "office_staff", 3, null, null, null },
                    { 5, "挂牌督办", "listed_supervision", true, true, 30, "office_staff", 0, null, null, null },
                    { 6, "通报批评", "public_criticism", true, true, 45, "office_staff", 0, null, null, null },
                    { 7, "移送纪检监察", "referral", true, true, 60, "office_staff", 0, null, null, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_escalation_ladder_Code",
                table: "escalation_ladder",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_escalations_AppliedOn",
                table: "escalations",
                column: "AppliedOn");

            migrationBuilder.CreateIndex(
                name: "IX_escalations_ItemId_StepOrder",
                table: "escalations",
                columns: new[] { "ItemId", "StepOrder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_extension_requests_ItemId_Status",
                table: "extension_requests",
                columns: new[] { "ItemId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_extension_requests_UnitId_Status",
                table: "extension_requests",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_item_history_ItemId_Sequence",
                table: "item_history",
                columns: new[] { "ItemId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_ClosedOn",
                table: "rectification_items",
                column: "ClosedOn");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_EscalationOrder_ProposedOrder_Deadline",
                table: "rectification_items",
                columns: new[] { "EscalationOrder", "ProposedOrder", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_FindingId",
                table: "rectification_items",
                column: "FindingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_MissionId_UnitId",
                table: "rectification_items",
                columns: new[] { "MissionId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_OpenedOn",
                table: "rectification_items",
                column: "OpenedOn");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_OverdueOn",
                table: "rectification_items",
                column: "OverdueOn");

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_RegionCode_State",
                table: "rectification_items",
                columns: new[] { "RegionCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_State_Overdue_Deadline",
                table: "rectification_items",
                columns: new[] { "State", "Overdue", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_UnitId_OpenedOn",
                table: "rectification_items",
                columns: new[] { "UnitId", "OpenedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_rectification_items_UnitId_State",
                table: "rectification_items",
                columns: new[] { "UnitId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_ladder");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "extension_requests");

            migrationBuilder.DropTable(
                name: "item_history");

            migrationBuilder.DropTable(
                name: "rectification_items");
        }
    }
}
