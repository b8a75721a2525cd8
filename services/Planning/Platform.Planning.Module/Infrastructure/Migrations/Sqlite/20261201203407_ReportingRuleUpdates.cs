using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportingRuleUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reporting_rule_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuerNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuerLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    Codes = table.Column<string>(type: "TEXT", nullable: false),
                    Notice = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SenderNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChildNodeIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_rule_updates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reporting_rule_updates_IssuerNodeId_Version",
                table: "reporting_rule_updates",
                columns: new[] { "IssuerNodeId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reporting_rule_updates");
        }
    }
}
