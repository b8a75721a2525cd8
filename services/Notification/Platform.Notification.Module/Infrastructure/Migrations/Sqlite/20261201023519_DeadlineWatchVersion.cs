using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notification.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeadlineWatchVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "deadline_watches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "deadline_watches");
        }
    }
}
