using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "PublicEvaluationRequired",
                table: "roster_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "public_evaluated_at",
                table: "roster_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "public_evaluated_by",
                table: "roster_entries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "public_evaluated_on_node",
                table: "roster_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicEvaluationForms",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "report_forms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequiresPublicEvaluation = table.Column<bool>(type: "INTEGER", nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false),
                    added_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
