using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notification.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChildNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "child_nodes",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_nodes", x => x.NodeId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "child_nodes");
        }
    }
}
