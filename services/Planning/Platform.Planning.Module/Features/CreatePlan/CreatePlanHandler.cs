using Platform.Planning.Module.Features.Schedule;
using DomainPlan = Platform.Planning.Module.Domain.Plan;

namespace Platform.Planning.Module.Features.CreatePlan;

/// <summary>Creating a plan with its chapters and tasks.</summary>
public sealed class CreatePlanHandler(PlanningDbContext db, PlanningAccess access, ITaskScheduler scheduler)
{
    public const int MaxTasks = 1000;

    private static readonly Dictionary<string, TargetComparison> Comparisons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["at_least"] = TargetComparison.AtLeast,
        ["at_most"] = TargetComparison.AtMost,
        ["exactly"] = TargetComparison.Exactly,
    };

    private static readonly Dictionary<string, TargetAggregation> Aggregations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["each_unit"] = TargetAggregation.EachUnit,
        ["sum"] = TargetAggregation.Sum,
        ["average"] = TargetAggregation.Average,
    };

    public async Task<Contracts.Planning.V1.Plan> HandleAsync(CreatePlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var title = validator.Name("title", request.Title, 300);
        var year = validator.Range("year", request.Year, 2000, 2100);
        var total = request.Tasks.Count + request.Chapters.Sum(c => c.Tasks.Count);
        if (total > MaxTasks)
        {
            validator.Add("tasks", $"a plan holds at most {MaxTasks} tasks, got {total}");
        }
        var loose = request.Tasks.Select((t, i) => ValidateTask(validator, $"tasks[{i}].", t)).ToList();
        var chapters = request.Chapters.Select((c, ci) => (
            Title: validator.Name($"chapters[{ci}].title", c.Title, 500),
            Tasks: c.Tasks.Select((t, ti) => ValidateTask(validator, $"chapters[{ci}].tasks[{ti}].", t)).ToList())).ToList();
        validator.ThrowIfInvalid();
        await RequireKnownUnitsAsync(loose.Concat(chapters.SelectMany(c => c.Tasks)), cancellationToken);

        var plan = DomainPlan.Create(title, year, access.Now());
        foreach (var (chapterTitle, tasks) in chapters)
        {
            var chapter = plan.AddChapter(chapterTitle);
            tasks.ForEach(t => plan.AddTask(chapter, t.Draft));
        }
        loose.ForEach(t => plan.AddTask(null, t.Draft));
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto();
    }

    internal sealed record ValidTask(TaskDraft Draft, string Prefix);

    private ValidTask ValidateTask(RequestValidator validator, string prefix, NewTask task)
    {
        var title = validator.Name(prefix + "title", task.Title, 4000);
        DateOnly? deadline = string.IsNullOrWhiteSpace(task.Deadline) ? null : validator.Date(prefix + "deadline", task.Deadline);
        string? rule = string.IsNullOrWhiteSpace(task.ReportingRule) ? null : task.ReportingRule.Trim();
        DateOnly? ruleStart = string.IsNullOrWhiteSpace(task.RuleStartDate) ? null : validator.Date(prefix + "rule_start_date", task.RuleStartDate);
        if (rule is not null && !scheduler.IsKnownRule(rule))
        {
            validator.Add(prefix + "reporting_rule", $"'{rule}' is not a reporting rule; see ListReportingRules");
        }
        if (deadline is null && rule is null && string.IsNullOrWhiteSpace(task.Deadline))
        {
            validator.Add(prefix + "deadline", "give a deadline (YYYY-MM-DD) or a reporting_rule");
        }
        var leads = task.LeadUnitIds.Select((u, i) => validator.Id($"{prefix}lead_unit_ids[{i}]", u)).ToList();
        var cos = task.CoUnitIds.Select((u, i) => validator.Id($"{prefix}co_unit_ids[{i}]", u)).ToList();
        var groups = task.UnitGroupIds.Select((g, i) => validator.Id($"{prefix}unit_group_ids[{i}]", g)).ToList();
        var targets = task.Targets.Select((t, i) =>
        {
            var description = validator.Required($"{prefix}targets[{i}].description", t.Description, 500);
            var comparison = validator.OneOf($"{prefix}targets[{i}].comparison", t.Comparison, Comparisons);
            if (double.IsNaN(t.Value) || double.IsInfinity(t.Value))
            {
                validator.Add($"{prefix}targets[{i}].value", "must be a number");
            }
            var aggregation = string.IsNullOrWhiteSpace(t.Aggregation)
                ? TargetAggregation.EachUnit
                : validator.OneOf($"{prefix}targets[{i}].aggregation", t.Aggregation.Trim(), Aggregations);
            return new TargetDraft(description, comparison, t.Value, t.UnitOfMeasure?.Trim() ?? string.Empty, aggregation);
        }).ToList();
        return new ValidTask(new TaskDraft(title, deadline, rule, ruleStart, leads, cos, groups, targets), prefix);
    }

    private async Task RequireKnownUnitsAsync(IEnumerable<ValidTask> tasks, CancellationToken cancellationToken)
    {
        var list = tasks.ToList();
        var unitIds = list.SelectMany(t => t.Draft.LeadUnitIds.Concat(t.Draft.CoUnitIds)).Distinct().ToList();
        var groupIds = list.SelectMany(t => t.Draft.UnitGroupIds).Distinct().ToList();
        var knownUnits = (await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var knownGroups = (await db.UnitGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken)).ToHashSet();
        var violations = new List<FieldViolation>();
        foreach (var task in list)
        {
            violations.AddRange(task.Draft.LeadUnitIds.Select((u, i) => (u, i)).Where(x => !knownUnits.Contains(x.u))
                .Select(x => new FieldViolation($"{task.Prefix}lead_unit_ids[{x.i}]", $"unit {x.u} is not a unit of this node")));
            violations.AddRange(task.Draft.CoUnitIds.Select((u, i) => (u, i)).Where(x => !knownUnits.Contains(x.u))
                .Select(x => new FieldViolation($"{task.Prefix}co_unit_ids[{x.i}]", $"unit {x.u} is not a unit of this node")));
            violations.AddRange(task.Draft.UnitGroupIds.Select((g, i) => (g, i)).Where(x => !knownGroups.Contains(x.g))
                .Select(x => new FieldViolation($"{task.Prefix}unit_group_ids[{x.i}]", $"unit group {x.g} is not a group of this node")));
        }
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
