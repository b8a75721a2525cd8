using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Functional.Tests.Planning;

/// <summary>
/// The migration to figures per unit rebuilds each unit's standing from the figures its reports
/// kept: rolled back to the schema of one shared reported value and forward again, a node ends
/// with the same unit figures it had.
/// </summary>
public sealed class FigureMigrationTests(PlanningNode node) : IClassFixture<PlanningNode>
{
    [Fact]
    public async Task Existing_reports_become_each_units_figures()
    {
        node.SetToday(2026, 9, 1);
        var a = await node.CreateUnitAsync("南通市司法局");
        var b = await node.CreateUnitAsync("南通市财政局");
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年工作要点",
            Year = 2026,
            Tasks =
            {
                new NewTask
                {
                    Title = "组织学法", Deadline = "2026-12-31", LeadUnitIds = { a.Id }, CoUnitIds = { b.Id },
                    Targets =
                    {
                        new NewTarget { Description = "学法次数", Comparison = "at_least", Value = 4 },
                        new NewTarget { Description = "投诉件数", Comparison = "at_most", Value = 3 },
                    },
                },
            },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        var assigned = (await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, node.Clerk)).Assignments;
        var targets = plan.Tasks[0].Targets;
        async Task Report(string unitId, double study, double complaints)
        {
            var assignment = assigned.Single(x => x.UnitId == unitId);
            await node.Planning.ReportProgressAsync(new ReportProgressRequest
            {
                AssignmentId = assignment.Id, Text = "进展", Percent = 50,
                Figures = { new TargetFigure { TargetId = targets[0].Id, Value = study }, new TargetFigure { TargetId = targets[1].Id, Value = complaints } },
            }, node.LiaisonOf(unitId));
        }
        await Report(a.Id, 2, 1);
        node.SetToday(2026, 9, 20);
        await Report(b.Id, 5, 4);
        node.SetToday(2026, 10, 8);
        await Report(a.Id, 4, 2);

        var before = await FiguresAsync(plan.Id);
        Assert.Equal(4, before.Count);

        await using (var scope = node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlanningDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.IndexOf(migrations.Single(m => m.EndsWith("_UnitTargetFigures", StringComparison.Ordinal))) - 1]);
            await migrator.MigrateAsync(migrations[^1]);
        }

        Assert.Equal(before, await FiguresAsync(plan.Id));
        var seen = (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = true }, node.Clerk)).Tasks[0];
        // Targets made before they were numbered are numbered in the order of their ids.
        Assert.Equal(targets.Select(t => t.Id).Order(StringComparer.Ordinal), seen.Targets.Select(t => t.Id));
        var study = seen.Targets.Single(t => t.Description == "学法次数");
        var complaints = seen.Targets.Single(t => t.Description == "投诉件数");
        Assert.Equal(("each_unit", 4.0, true), (study.Aggregation, study.AggregateValue, study.Met));
        Assert.Equal(("each_unit", 4.0, false, 1), (complaints.Aggregation, complaints.AggregateValue, complaints.Met, complaints.UnitsMeeting));
    }

    private async Task<List<string>> FiguresAsync(string planId) =>
        (await node.Planning.ListTargetFiguresAsync(new ListTargetFiguresRequest { PlanId = planId }, node.Clerk)).Figures
        .Select(f => $"{f.UnitId}/{f.TargetId}: {f.Value} met={f.Met} reports={f.Reports} last={f.ReportId} by={f.ReportedBy} at={f.ReportedAt} on={f.ReportedOnNode}")
        .OrderBy(x => x, StringComparer.Ordinal)
        .ToList();
}
