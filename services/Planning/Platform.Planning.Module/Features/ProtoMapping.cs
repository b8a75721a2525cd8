using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Features.Figures;
using Proto = Platform.Contracts.Planning.V1;
using Assignment = Platform.Planning.Module.Domain.Assignment;
using ExtensionRequest = Platform.Planning.Module.Domain.ExtensionRequest;
using Plan = Platform.Planning.Module.Domain.Plan;
using PlanTask = Platform.Planning.Module.Domain.PlanTask;
using ProgressReport = Platform.Planning.Module.Domain.ProgressReport;
using QuantitativeTarget = Platform.Planning.Module.Domain.QuantitativeTarget;
using Unit = Platform.Planning.Module.Domain.Unit;
using UnitGroup = Platform.Planning.Module.Domain.UnitGroup;

namespace Platform.Planning.Module.Features;

/// <summary>Domain to wire types.</summary>
internal static class ProtoMapping
{
    public static string Wire(this Enum value) => value switch
    {
        TargetComparison.AtLeast => "at_least",
        TargetComparison.AtMost => "at_most",
        TargetAggregation.EachUnit => "each_unit",
        _ => value.ToString().ToLowerInvariant(),
    };

    public static string ToWire(this DateOnly? date) => date?.ToWire() ?? string.Empty;

    public static string ToWire(this DateTimeOffset? instant) => instant?.ToWire() ?? string.Empty;

    /// <param name="withLiaison">Whether the caller may see the unit's contacts: the office, or the unit's own people.</param>
    public static Proto.Unit ToProto(this Unit unit, IEnumerable<Guid>? groupIds = null, bool withLiaison = true)
    {
        var proto = new Proto.Unit
        {
            Id = unit.Id.ToString(),
            Name = unit.Name,
            ShortName = unit.ShortName,
            Kind = unit.Kind.Wire(),
            RegionCode = unit.RegionCode,
            CreatedAt = unit.Created.At.ToWire(),
            Liaison = withLiaison ? new Proto.Liaison { Name = unit.Liaison.Name, Phone = unit.Liaison.Phone, Email = unit.Liaison.Email } : null,
        };
        proto.Aliases.AddRange(unit.Aliases);
        proto.GroupIds.AddRange((groupIds ?? []).Select(g => g.ToString()));
        return proto;
    }

    public static Proto.UnitGroup ToProto(this UnitGroup group)
    {
        var proto = new Proto.UnitGroup { Id = group.Id.ToString(), Name = group.Name };
        proto.Aliases.AddRange(group.Aliases);
        proto.UnitIds.AddRange(group.UnitIds.Select(u => u.ToString()));
        return proto;
    }

    public static Proto.Plan ToProto(this Plan plan, IEnumerable<Assignment>? assignments = null, TargetFigureView? figures = null)
    {
        var byTask = (assignments ?? []).ToLookup(a => a.TaskId);
        var proto = new Proto.Plan
        {
            Id = plan.Id.ToString(),
            Title = plan.Title,
            Year = plan.Year,
            Status = plan.Status.Wire(),
            CreatedBy = plan.Created.UserId,
            CreatedAt = plan.Created.At.ToWire(),
            IssuedAt = plan.Issued?.At.ToWire() ?? string.Empty,
        };
        proto.Chapters.AddRange(plan.Chapters.OrderBy(c => c.Number).Select(c => new Proto.PlanChapter
        {
            Id = c.Id.ToString(),
            Number = c.Number,
            Title = c.Title,
            Section = c.Section ?? string.Empty,
        }));
        proto.Tasks.AddRange(plan.Tasks.OrderBy(t => t.Number).Select(t => t.ToProto(byTask[t.Id], figures)));
        return proto;
    }

    public static Proto.PlanTask ToProto(this PlanTask task, IEnumerable<Assignment>? assignments = null, TargetFigureView? figures = null)
    {
        figures ??= TargetFigureView.Empty;
        var proto = new Proto.PlanTask
        {
            Id = task.Id.ToString(),
            Number = task.Number,
            Title = task.Title,
            Deadline = task.Deadline.ToWire(),
            ChapterId = task.ChapterId?.ToString() ?? string.Empty,
            ReportingRule = task.ReportingRule ?? string.Empty,
            RuleStartDate = task.RuleStartDate.ToWire(),
            Status = task.Status.Wire(),
            Revision = task.Revision,
        };
        proto.LeadUnitIds.AddRange(task.LeadUnitIds.Select(u => u.ToString()));
        proto.CoUnitIds.AddRange(task.CoUnitIds.Select(u => u.ToString()));
        proto.UnitGroupIds.AddRange(task.UnitGroupIds.Select(g => g.ToString()));
        proto.Targets.AddRange(task.Targets.OrderBy(t => t.Number).ThenBy(t => t.Id).Select(t =>
        {
            var target = t.ToProto(figures.TallyOf(t.Id), figures.AllUnits);
            target.UnitFigures.AddRange(figures.Figures[t.Id].OrderBy(f => f.UnitName, StringComparer.Ordinal).Select(ToProto));
            return target;
        }));
        proto.Assignments.AddRange((assignments ?? []).OrderBy(a => a.Role).ThenBy(a => a.UnitName, StringComparer.Ordinal).Select(ToProto));
        return proto;
    }

    public static Proto.Assignment ToProto(this Assignment assignment) => new()
    {
        Id = assignment.Id.ToString(),
        PlanId = assignment.PlanId.ToString(),
        TaskId = assignment.TaskId.ToString(),
        UnitId = assignment.UnitId.ToString(),
        UnitName = assignment.UnitName,
        Role = assignment.Role.Wire(),
        Status = assignment.Status.Wire(),
        AssignedBy = assignment.Assigned.UserId,
        AssignedAt = assignment.Assigned.At.ToWire(),
        AcceptedAt = assignment.Accepted?.At.ToWire() ?? string.Empty,
        Deadline = assignment.Deadline.ToWire(),
        OriginalDeadline = assignment.OriginalDeadline.ToWire(),
        NextReportDue = assignment.NextReportDue.ToWire(),
        ReturnReason = assignment.ReturnReason ?? string.Empty,
        Overdue = assignment.Overdue,
        LastReportedAt = assignment.LastReportedAt.ToWire(),
    };

    public static Proto.ProgressReport ToProto(this ProgressReport report)
    {
        var proto = new Proto.ProgressReport
        {
            Id = report.Id.ToString(),
            AssignmentId = report.AssignmentId.ToString(),
            TaskId = report.TaskId.ToString(),
            UnitId = report.UnitId.ToString(),
            Text = report.Text,
            Percent = report.Percent,
            Final = report.Final,
            Late = report.Late,
            Due = report.Due.ToWire(),
            ReportedBy = report.Reported.UserId,
            ReportedAt = report.Reported.At.ToWire(),
            ReportedOnNode = report.Reported.NodeId,
        };
        proto.Figures.AddRange(report.Figures.Select(f => new Proto.TargetFigure { TargetId = f.TargetId.ToString(), Value = f.Value }));
        proto.Attachments.AddRange(report.Attachments.Select(a => new Proto.Attachment
        {
            Id = a.Id.ToString(),
            FileName = a.FileName,
            ContentType = a.ContentType,
            Size = a.Size,
            Sha256 = a.Sha256,
        }));
        return proto;
    }

    /// <summary>
    /// A target with its aggregate by its own rule, as much of it as the caller may see
    /// (<see cref="TargetRules.VisibleTo"/>); unit figures are the caller's to add.
    /// </summary>
    public static Proto.QuantitativeTarget ToProto(this QuantitativeTarget target, TargetTally tally, bool allUnits)
    {
        var aggregate = TargetRules.VisibleTo(target.Aggregate(tally), target.Aggregation, allUnits);
        var proto = new Proto.QuantitativeTarget
        {
            Id = target.Id.ToString(),
            Description = target.Description,
            Comparison = target.Comparison.Wire(),
            Value = target.Value,
            UnitOfMeasure = target.UnitOfMeasure,
            Aggregation = target.Aggregation.Wire(),
            Met = aggregate.Met,
            AssignedUnits = tally.AssignedUnits,
            ReportingUnits = tally.ReportingUnits,
            UnitsMeeting = tally.UnitsMeeting,
        };
        if (aggregate.Value is { } value)
        {
            proto.AggregateValue = value;
        }
        return proto;
    }

    public static Proto.UnitFigure ToProto(this UnitTargetFigure figure) => new()
    {
        TargetId = figure.TargetId.ToString(),
        TaskId = figure.TaskId.ToString(),
        AssignmentId = figure.AssignmentId.ToString(),
        UnitId = figure.UnitId.ToString(),
        UnitName = figure.UnitName,
        Value = figure.Value,
        Met = figure.Met,
        ReportId = figure.ReportId.ToString(),
        ReportedBy = figure.Reported.UserId,
        ReportedAt = figure.Reported.At.ToWire(),
        ReportedOnNode = figure.Reported.NodeId,
        Reports = figure.Reports,
    };

    public static Proto.ExtensionRequest ToProto(this ExtensionRequest extension) => new()
    {
        Id = extension.Id.ToString(),
        AssignmentId = extension.AssignmentId.ToString(),
        UnitId = extension.UnitId.ToString(),
        Status = extension.Status.Wire(),
        Reason = extension.Reason,
        OriginalDeadline = extension.OriginalDeadline.ToWire(),
        RequestedDeadline = extension.RequestedDeadline.ToWire(),
        RequestedBy = extension.Requested.UserId,
        RequestedAt = extension.Requested.At.ToWire(),
        DecidedBy = extension.Decided?.UserId ?? string.Empty,
        DecidedAt = extension.Decided?.At.ToWire() ?? string.Empty,
        DecisionNote = extension.DecisionNote ?? string.Empty,
        // Approved before granted dates were kept: the requested date was granted.
        GrantedDeadline = extension.Status == Platform.BuildingBlocks.Kernel.Deadlines.ExtensionStatus.Approved ? (extension.GrantedDeadline ?? extension.RequestedDeadline).ToWire() : string.Empty,
    };
}
