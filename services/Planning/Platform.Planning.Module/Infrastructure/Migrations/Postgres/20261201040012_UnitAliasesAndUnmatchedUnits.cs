using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnitAliasesAndUnmatchedUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "UnmatchedCoUnits",
                table: "plan_tasks",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "UnmatchedLeadUnits",
                table: "plan_tasks",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "unit_aliases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Alias = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_on_node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_aliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_aliases_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_unit_aliases_Key",
                table: "unit_aliases",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_aliases_UnitId",
                table: "unit_aliases",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_aliases");

            migrationBuilder.DropColumn(
                name: "UnmatchedCoUnits",
                table: "plan_tasks");

            migrationBuilder.DropColumn(
                name: "UnmatchedLeadUnits",
                table: "plan_tasks");
        }
    }
}
