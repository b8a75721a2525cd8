using Google.Protobuf;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Schedule;
using Platform.Planning.Module.Features.Statistics;

namespace Platform.Planning.Module.Features.ExportPlan;

/// <summary>The plan's task table and statistics as an .xlsx workbook for the clerk.</summary>
public sealed class ExportPlanFeature(
    PlanningDbContext db,
    PlanningAccess access,
    StatisticsFeature statistics,
    ITaskScheduler scheduler,
    IOptions<NodeOptions> node,
    TimeProvider clock)
{
    private static readonly Dictionary<string, string> AggregationNames = new()
    {
        ["each_unit"] = "每个单位",
        ["sum"] = "合计",
        ["average"] = "平均",
    };

    /// <summary>The target as a clerk reads it: 不少于4次.</summary>
    internal static string Requirement(string comparison, double value, string unitOfMeasure) =>
        (comparison switch { "at_least" => "不少于", "at_most" => "不超过", _ => "等于" })
        + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + unitOfMeasure;

    public async Task<ExportedFile> ExportAsync(ExportPlanRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.Observer);
        var validator = new RequestValidator();
        var planId = validator.Id("plan_id", request.PlanId);
        validator.ThrowIfInvalid();

        var plan = await db.Plans.AsNoTracking().Include(p => p.Chapters).Include(p => p.Tasks).ThenInclude(t => t.Targets).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new NotFoundException($"Plan {planId} does not exist on this node.");
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.PlanId == planId).ToListAsync(cancellationToken);
        var latest = await db.Reports.AsNoTracking().Where(r => r.PlanId == planId)
            .GroupBy(r => r.TaskId)
            .Select(g => g.OrderByDescending(r => r.Id).First())
            .ToListAsync(cancellationToken);
        var latestByTask = latest.ToDictionary(r => r.TaskId);
        var rules = scheduler.Rules.ToDictionary(r => r.Code, r => r.Name);
        var chapters = plan.Chapters.ToDictionary(c => c.Id, c => $"{StatisticsFeature.ChineseNumber(c.Number)}、{c.Title}");
        var byTask = assignments.ToLookup(a => a.TaskId);

        string Units(Domain.PlanTask task, AssignmentRole role) => string.Join("、", byTask[task.Id].Where(a => a.Role == role).Select(a => a.UnitName));
        var tasks = plan.Tasks.OrderBy(t => t.Number).Select(t => new PlanWorkbookTask(
            t.ChapterId is { } c ? chapters.GetValueOrDefault(c, string.Empty) : string.Empty,
            t.Number,
            t.Title,
            Units(t, AssignmentRole.Lead),
            Units(t, AssignmentRole.Co),
            t.Deadline?.ToChinese() ?? string.Empty,
            t.ReportingRule is { } code ? rules.GetValueOrDefault(code, code) : string.Empty,
            t.Status == PlanTaskStatus.Done ? "已办结" : byTask[t.Id].Any(a => a.Overdue) ? "逾期" : byTask[t.Id].Any() ? "推进中" : "未交办",
            latestByTask.TryGetValue(t.Id, out var report) ? report.Percent : null,
            latestByTask.TryGetValue(t.Id, out var text) ? text.Text : string.Empty)).ToList();

        var stats = await statistics.ComputeAsync(planId, cancellationToken);
        static PlanWorkbookStatistics Row(Contracts.Planning.V1.StatisticsRow r) => new(
            r.Name, r.Assigned, r.Accepted, r.ReportedOnTime, r.ReportedLate, r.Overdue, r.Done, r.OnTimeRate, r.CompletionRate);
        var targets = stats.Targets.Select(row => (row.TaskNumber, T: row.Target)).Select(x => new PlanWorkbookTarget(
            x.TaskNumber, x.T.Description, Requirement(x.T.Comparison, x.T.Value, x.T.UnitOfMeasure), AggregationNames.GetValueOrDefault(x.T.Aggregation, x.T.Aggregation),
            x.T.HasAggregateValue ? x.T.AggregateValue : null, x.T.AssignedUnits, x.T.ReportingUnits, x.T.UnitsMeeting, x.T.Met)).ToList();
        // The export is the office's: every unit's own figure, one row per unit and target.
        var targetInfo = plan.Tasks.SelectMany(t => t.Targets.Select(target => (target.Id, Task: t.Number, target.Number, target.Description)))
            .ToDictionary(x => x.Id);
        // Only the columns the sheet shows: a province plan has one row per unit and target.
        var unitFigures = (await db.UnitFigures.AsNoTracking().Where(f => f.PlanId == planId)
                .Select(f => new { f.TargetId, f.UnitName, f.Value, f.Met, f.Reported.At, f.Reports })
                .ToListAsync(cancellationToken))
            .Select(f => (Info: targetInfo[f.TargetId], Figure: f))
            .OrderBy(x => x.Info.Task).ThenBy(x => x.Info.Number).ThenBy(x => x.Figure.UnitName, StringComparer.Ordinal)
            .Select(x => new PlanWorkbookUnitFigure(
                x.Info.Task, x.Info.Description, x.Figure.UnitName, x.Figure.Value, x.Figure.Met, x.Figure.At, x.Figure.Reports))
            .ToList();
        var workbook = new PlanWorkbook(
            plan.Title, plan.Year, node.Value.Name, clock.GetUtcNow(), tasks,
            stats.ByUnit.Select(Row).ToList(), stats.ByChapter.Select(Row).ToList(), targets, unitFigures);
        var bytes = PlanWorkbookWriter.ToBytes(workbook);
        return new ExportedFile
        {
            FileName = PlanWorkbookWriter.TitleWithYear(plan.Title, plan.Year) + ".xlsx",
            ContentType = PlanWorkbookWriter.ContentType,
            Content = ByteString.CopyFrom(bytes),
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }
}
