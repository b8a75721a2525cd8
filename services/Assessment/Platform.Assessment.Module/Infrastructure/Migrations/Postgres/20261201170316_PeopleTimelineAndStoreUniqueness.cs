using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assessment.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleTimelineAndStoreUniqueness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_person_changes_PersonId",
                table: "person_changes");

            migrationBuilder.AddColumn<DateOnly>(
                name: "TermEnd",
                table: "person_changes",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_person_changes_PersonId_Date",
                table: "person_changes",
                columns: new[] { "PersonId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_people_serving_UnitId_Name",
                table: "people",
                columns: new[] { "UnitId", "Name" },
                unique: true,
                filter: "\"LeftOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_appeals_Year_UnitId_IndicatorCode",
                table: "appeals",
                columns: new[] { "Year", "UnitId", "IndicatorCode" },
                unique: true,
                filter: "\"Status\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_person_changes_PersonId_Date",
                table: "person_changes");

            migrationBuilder.DropIndex(
                name: "IX_people_serving_UnitId_Name",
                table: "people");

            migrationBuilder.DropIndex(
                name: "IX_appeals_Year_UnitId_IndicatorCode",
                table: "appeals");

            migrationBuilder.DropColumn(
                name: "TermEnd",
                table: "person_changes");

            migrationBuilder.CreateIndex(
                name: "IX_person_changes_PersonId",
                table: "person_changes",
                column: "PersonId");
        }
    }
}
