using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notification.Module.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FederatedNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "received_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderNodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OriginNoticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_received_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sent_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_on_node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sent_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sent_notice_recipients",
                columns: table => new
                {
                    NoticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sent_notice_recipients", x => new { x.NoticeId, x.RegionCode, x.UnitId });
                    table.ForeignKey(
                        name: "FK_sent_notice_recipients_sent_notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "sent_notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_received_notices_NotificationId",
                table: "received_notices",
                column: "NotificationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_received_notices_SenderNodeId_OriginNoticeId",
                table: "received_notices",
                columns: new[] { "SenderNodeId", "OriginNoticeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "received_notices");

            migrationBuilder.DropTable(
                name: "sent_notice_recipients");

            migrationBuilder.DropTable(
                name: "sent_notices");
        }
    }
}
