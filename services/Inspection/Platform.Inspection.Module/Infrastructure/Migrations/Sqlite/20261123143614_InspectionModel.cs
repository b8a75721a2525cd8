using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inspection.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InspectionModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceSystem = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    DuplicateKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DuplicateGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SplitFromGroup = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MergedIntoClueId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedUnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IntegratorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    intake_at = table.Column<long>(type: "INTEGER", nullable: false),
                    intake_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    intake_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    triaged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    triaged_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    triaged_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "feedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FindingIds = table.Column<string>(type: "TEXT", nullable: false),
                    given_at = table.Column<long>(type: "INTEGER", nullable: false),
                    given_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    given_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspectors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Expertise = table.Column<string>(type: "TEXT", nullable: false),
                    HomeUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HomeUnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Available = table.Column<bool>(type: "INTEGER", nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspectors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "integrators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AllowedSources = table.Column<string>(type: "TEXT", nullable: false),
                    Salt = table.Column<byte[]>(type: "BLOB", maxLength: 16, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mission_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    generated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    generated_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    generated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mission_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "missions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanEntry = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FocusItems = table.Column<string>(type: "TEXT", nullable: false),
                    Methods = table.Column<string>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_missions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionnaireId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaire_answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaires",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublicCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Questions = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClueId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsibleUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibleUnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_findings_missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mission_targets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mission_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mission_targets_missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mission_team_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InspectorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsLeader = table.Column<bool>(type: "INTEGER", nullable: false),
                    MissionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mission_team_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mission_team_members_missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "finding_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FindingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false),
                    added_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_finding_evidence_findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clues_DuplicateGroupId",
                table: "clues",
                column: "DuplicateGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_clues_DuplicateKey",
                table: "clues",
                column: "DuplicateKey");

            migrationBuilder.CreateIndex(
                name: "IX_clues_SourceSystem_SourceId",
                table: "clues",
                columns: new[] { "SourceSystem", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clues_Status_ReceivedAt",
                table: "clues",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_clues_UnitId",
                table: "clues",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_MissionId_UnitId",
                table: "feedback",
                columns: new[] { "MissionId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_UnitId",
                table: "feedback",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_finding_evidence_FindingId",
                table: "finding_evidence",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_findings_Category_Id",
                table: "findings",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_ClueId",
                table: "findings",
                column: "ClueId");

            migrationBuilder.CreateIndex(
                name: "IX_findings_MissionId_Id",
                table: "findings",
                columns: new[] { "MissionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_ResponsibleUnitId_Id",
                table: "findings",
                columns: new[] { "ResponsibleUnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_Severity_Id",
                table: "findings",
                columns: new[] { "Severity", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_inspectors_Available",
                table: "inspectors",
                column: "Available");

            migrationBuilder.CreateIndex(
                name: "IX_inspectors_UserId",
                table: "inspectors",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_integrators_Name",
                table: "integrators",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mission_documents_MissionId",
                table: "mission_documents",
                column: "MissionId");

            migrationBuilder.CreateIndex(
                name: "IX_mission_targets_MissionId",
                table: "mission_targets",
                column: "MissionId");

            migrationBuilder.CreateIndex(
                name: "IX_mission_targets_UnitId",
                table: "mission_targets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_mission_team_members_MissionId",
                table: "mission_team_members",
                column: "MissionId");

            migrationBuilder.CreateIndex(
                name: "IX_mission_team_members_UserId",
                table: "mission_team_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_missions_Year_Kind_State",
                table: "missions",
                columns: new[] { "Year", "Kind", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_questionnaire_answers_QuestionnaireId_UnitId",
                table: "questionnaire_answers",
                columns: new[] { "QuestionnaireId", "UnitId" },
                unique: true,
                filter: "\"UnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_MissionId",
                table: "questionnaires",
                column: "MissionId");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_PublicCode",
                table: "questionnaires",
                column: "PublicCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clues");

            migrationBuilder.DropTable(
                name: "feedback");

            migrationBuilder.DropTable(
                name: "finding_evidence");

            migrationBuilder.DropTable(
                name: "inspectors");

            migrationBuilder.DropTable(
                name: "integrators");

            migrationBuilder.DropTable(
                name: "mission_documents");

            migrationBuilder.DropTable(
                name: "mission_targets");

            migrationBuilder.DropTable(
                name: "mission_team_members");

            migrationBuilder.DropTable(
                name: "questionnaire_answers");

            migrationBuilder.DropTable(
                name: "questionnaires");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "missions");
        }
    }
}
