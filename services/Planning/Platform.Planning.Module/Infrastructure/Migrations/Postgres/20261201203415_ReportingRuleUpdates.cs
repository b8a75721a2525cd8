using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuerNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuerLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Rules = table.Column<string>(type: "text", nullable: false),
                    Codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Notice = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SenderNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChildNodeIds = table.Column<List<string>>(type: "text[]", nullable: false)
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
