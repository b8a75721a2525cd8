using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Planning.Module.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsChapterStripes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_plan_statistics",
                table: "plan_statistics");

            migrationBuilder.AddColumn<int>(
                name: "Stripe",
                table: "plan_statistics",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_plan_statistics",
                table: "plan_statistics",
                columns: new[] { "PlanId", "Dimension", "Key", "Stripe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one row per chapter: each key's stripes added into its lowest one, the others removed.
            migrationBuilder.Sql(StatisticsStripesFold.Sql);

            migrationBuilder.DropPrimaryKey(
                name: "PK_plan_statistics",
                table: "plan_statistics");

            migrationBuilder.DropColumn(
                name: "Stripe",
                table: "plan_statistics");

            migrationBuilder.AddPrimaryKey(
                name: "PK_plan_statistics",
                table: "plan_statistics",
                columns: new[] { "PlanId", "Dimension", "Key" });
        }
    }
}
