using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Schedule;
using Platform.Planning.Module.Infrastructure;
using DomainPlan = Platform.Planning.Module.Domain.Plan;

namespace Platform.Planning.Module.Features.Plans;

/// <summary>Creating, reading, issuing, closing plans, and revising their tasks.</summary>
public sealed class PlansFeature(PlanningDbContext db, PlanningAccess access, ITaskScheduler scheduler, TargetFiguresFeature figures)
{
    public const int MaxTasks = 1000;

    public const int MaxEmbeddedAssignments = 5000;

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

    private static readonly Dictionary<string, PlanStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["draft"] = PlanStatus.Draft,
        ["issued"] = PlanStatus.Issued,
        ["closed"] = PlanStatus.Closed,
    };

    public async Task<Contracts.Planning.V1.Plan> CreateAsync(CreatePlanRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Planning.V1.Plan> GetAsync(GetPlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var id = validator.Id("plan_id", request.PlanId);
        validator.ThrowIfInvalid();
        var plan = await LoadAsync(id, tracking: false, cancellationToken);
        if (!request.IncludeAssignments)
        {
            return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
        }
        var visibleUnit = access.VisibleUnitFilter(null);
        var query = db.Assignments.AsNoTracking().Where(a => a.PlanId == id).WhereIf(visibleUnit, u => a => a.UnitId == u);
        if (await query.CountAsync(cancellationToken) > MaxEmbeddedAssignments)
        {
            throw new PreconditionFailedException(
                $"The plan has more than {MaxEmbeddedAssignments} assignments; page through them with ListAssignments (plan_id = {id}).");
        }
        // Every unit's figures ride along with every unit's assignments, under the same cap.
        var view = await figures.ViewAsync(plan, taskId: null, everyUnit: true, cancellationToken);
        return plan.ToProto(await query.ToListAsync(cancellationToken), view);
    }

    public async Task<ListPlansResponse> ListAsync(ListPlansRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        PlanStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, Statuses);
        if (request.Year != 0)
        {
            validator.Range("year", request.Year, 2000, 2100);
        }
        validator.ThrowIfInvalid();

        int? year = request.Year == 0 ? null : request.Year;
        var (plans, next) = await db.Plans.AsNoTracking()
            .WhereIf(year, y => p => p.Year == y)
            .WhereIf(status, s => p => p.Status == s)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListPlansResponse { NextPageToken = next };
        response.Plans.AddRange(plans.Select(p => p.ToProto()));
        return response;
    }

    public async Task<Contracts.Planning.V1.Plan> IssueAsync(IssuePlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var plan = await LoadAsync(ParseId("plan_id", request.PlanId), tracking: true, cancellationToken);
        plan.Issue(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
    }

    public async Task<Contracts.Planning.V1.Plan> CloseAsync(ClosePlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var plan = await LoadAsync(ParseId("plan_id", request.PlanId), tracking: true, cancellationToken);
        plan.Close(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
    }

    public async Task<Contracts.Planning.V1.PlanTask> ReviseAsync(ReviseTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var taskId = validator.Id("task_id", request.TaskId);
        string? title = request.HasTitle ? validator.Name("title", request.Title, 4000) : null;
        DateOnly? deadline = request.HasDeadline ? validator.Date("deadline", request.Deadline) : null;
        if (!request.HasTitle && !request.HasDeadline)
        {
            validator.Add("title", "give a new title or a new deadline");
        }
        validator.ThrowIfInvalid();

        var task = await db.Tasks.Include(t => t.Targets).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId} does not exist on this node.");
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        if (plan.Status == PlanStatus.Closed)
        {
            throw new PreconditionFailedException("The plan is closed; its tasks can no longer change.");
        }
        var reason = request.Reason?.Trim() ?? string.Empty;
        if (plan.Status == PlanStatus.Issued && reason.Length == 0)
        {
            throw new ValidationException("reason", "must say why an issued plan's task changes");
        }
        db.TaskRevisions.Add(task.Revise(title, deadline, reason, access.Now()));
        await db.SaveChangesAsync(cancellationToken);
        var withTask = await db.Plans.AsNoTracking().Include(p => p.Tasks.Where(t => t.Id == taskId)).ThenInclude(t => t.Targets)
            .SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        return task.ToProto(figures: await figures.ViewAsync(withTask, taskId, everyUnit: false, cancellationToken));
    }

    public async Task<ListTaskRevisionsResponse> ListRevisionsAsync(ListTaskRevisionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var taskId = ParseId("task_id", request.TaskId);
        if (!await db.Tasks.AnyAsync(t => t.Id == taskId, cancellationToken))
        {
            throw new NotFoundException($"Task {taskId} does not exist on this node.");
        }
        var revisions = await db.TaskRevisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Revision).ToListAsync(cancellationToken);
        var response = new ListTaskRevisionsResponse();
        response.Revisions.AddRange(revisions.Select(r => new Contracts.Planning.V1.TaskRevision
        {
            Id = r.Id.ToString(),
            TaskId = r.TaskId.ToString(),
            Revision = r.Revision,
            Reason = r.Reason,
            ChangedBy = r.Changed.UserId,
            ChangedAt = BuildingBlocks.Grpc.WireFormat.ToWire(r.Changed.At),
            PreviousTitle = r.PreviousTitle,
            NewTitle = r.NewTitle,
            PreviousDeadline = r.PreviousDeadline.ToWire(),
            NewDeadline = r.NewDeadline.ToWire(),
        }));
        return response;
    }

    internal async Task<DomainPlan> LoadAsync(Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Plans.Include(p => p.Chapters).Include(p => p.Tasks).ThenInclude(t => t.Targets).AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }
        return await query.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Plan {id} does not exist on this node.");
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

    private static Guid ParseId(string field, string value)
    {
        var validator = new RequestValidator();
        var id = validator.Id(field, value);
        validator.ThrowIfInvalid();
        return id;
    }
}
