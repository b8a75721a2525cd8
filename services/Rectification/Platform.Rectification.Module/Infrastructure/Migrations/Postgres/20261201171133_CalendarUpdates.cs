using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Rectification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CalendarUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuerNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuerLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    MakeUpWorkingDays = table.Column<string>(type: "text", nullable: false),
                    Notice = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SenderNodeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChildNodeIds = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_updates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_updates_IssuerNodeId_Version",
                table: "calendar_updates",
                columns: new[] { "IssuerNodeId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calendar_updates_Year",
                table: "calendar_updates",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_updates");
        }
    }
}
