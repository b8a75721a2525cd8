using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notification.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboxAudienceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_Audience_CreatedAt",
                table: "inbox_messages",
                columns: new[] { "Audience", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_inbox_messages_Audience_CreatedAt",
                table: "inbox_messages");
        }
    }
}
