using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicEvaluationAndForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicEvaluation",
                table: "roster_entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "PublicEvaluationRequired",
                table: "roster_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "public_evaluated_at",
                table: "roster_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "public_evaluated_by",
                table: "roster_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "public_evaluated_on_node",
                table: "roster_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "PublicEvaluationForms",
                table: "campaigns",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "report_forms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequiresPublicEvaluation = table.Column<bool>(type: "boolean", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    added_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_forms", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_forms_Name",
                table: "report_forms",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_forms");

            migrationBuilder.DropColumn(
                name: "PublicEvaluation",
                table: "roster_entries");

            migrationBuilder.DropColumn(
                name: "PublicEvaluationRequired",
                table: "roster_entries");

            migrationBuilder.DropColumn(
                name: "public_evaluated_at",
                table: "roster_entries");

            migrationBuilder.DropColumn(
                name: "public_evaluated_by",
                table: "roster_entries");

            migrationBuilder.DropColumn(
                name: "public_evaluated_on_node",
                table: "roster_entries");

            migrationBuilder.DropColumn(
                name: "PublicEvaluationForms",
                table: "campaigns");
        }
    }
}
