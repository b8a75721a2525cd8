using Platform.BuildingBlocks.Grpc;
using Proto = Platform.Contracts.Rectification.V1;
using EvidenceFile = Platform.Rectification.Module.Domain.EvidenceFile;
using ExtensionRequest = Platform.Rectification.Module.Domain.ExtensionRequest;
using RectificationItem = Platform.Rectification.Module.Domain.RectificationItem;

namespace Platform.Rectification.Module.Features;

/// <summary>Domain to wire: ids as strings, dates as YYYY-MM-DD, instants as ISO 8601 UTC.</summary>
internal static class ProtoMapping
{
    public static Proto.RectificationItem ToProto(this RectificationItem item)
    {
        var proto = new Proto.RectificationItem
        {
            Id = item.Id.ToString(),
            FindingId = item.FindingId.ToString(),
            MissionId = item.MissionId?.ToString() ?? string.Empty,
            MissionTitle = item.MissionTitle,
            UnitId = item.UnitId.ToString(),
            UnitName = item.UnitName,
            RegionCode = item.RegionCode,
            Title = item.Title,
            Description = item.Description,
            Location = item.Location,
            Category = item.Category,
            Severity = item.Severity,
            State = item.State.WireName(),
            ResponsiblePerson = item.ResponsiblePerson,
            Deadline = item.Deadline.ToWire(),
            OriginalDeadline = item.OriginalDeadline.ToWire(),
            Overdue = item.Overdue,
            SendBackCount = item.SendBackCount,
            ReopenCount = item.ReopenCount,
            ExtensionCount = item.ExtensionCount,
            EscalationStep = LadderSteps.CodeOf(item.EscalationOrder),
            EscalationOrder = item.EscalationOrder,
            ProposedStep = item.ProposedOrder is { } proposed ? LadderSteps.CodeOf(proposed) : string.Empty,
            ProposalReason = item.ProposalReason ?? string.Empty,
            ProgressPercent = item.ProgressPercent,
            CompletionSummary = item.CompletionSummary,
            OpenedAt = item.Opened.At.ToWire(),
            ClosedAt = item.Closed?.At.ToWire() ?? string.Empty,
            ClosedBy = item.Closed?.UserId ?? string.Empty,
            UpdatedAt = item.Updated.At.ToWire(),
            UpdatedBy = item.Updated.UserId,
            UpdatedOnNode = item.Updated.NodeId,
            OriginNodeId = item.OriginNodeId ?? string.Empty,
        };
        proto.Measures.AddRange(item.Measures);
        proto.Milestones.AddRange(item.Milestones.Select(m => new Proto.Milestone { Text = m.Text, Due = m.Due.ToWire() }));
        proto.Evidence.AddRange(item.Evidence);
        proto.EvidenceFiles.AddRange(item.EvidenceFiles.OrderBy(f => f.Uploaded.At).ThenBy(f => f.Id).Select(f => f.ToProto()));
        return proto;
    }

    public static Proto.ItemStatusFromBelow ToProto(this ItemFromBelow row) => new()
    {
        NodeId = row.NodeId,
        ItemId = row.ItemId.ToString(),
        MissionId = row.MissionId.ToString(),
        RegionCode = row.RegionCode,
        UnitId = row.UnitId.ToString(),
        UnitName = row.UnitName,
        Status = row.Status,
        State = row.State,
        Overdue = row.Overdue,
        EscalationOrder = row.EscalationOrder,
        ReopenCount = row.ReopenCount,
        Deadline = row.Deadline.ToWire(),
        OpenedOn = row.OpenedOn.ToWire(),
        ClosedOn = row.ClosedOn?.ToWire() ?? string.Empty,
        AsOf = row.AsOf.ToWire(),
        ReceivedAt = row.ReceivedAt.ToWire(),
    };

    public static Proto.EvidenceFile ToProto(this EvidenceFile file) => new()
    {
        Id = file.Id.ToString(),
        FileName = file.FileName,
        ContentType = file.ContentType,
        Size = file.Size,
        Sha256 = file.Sha256,
        UploadedBy = file.Uploaded.UserId,
        UploadedAt = file.Uploaded.At.ToWire(),
        UploadedOnNode = file.Uploaded.NodeId,
        Report = file.Report,
    };

    public static Proto.HistoryEntry ToProto(this ItemHistoryEntry entry) => new()
    {
        At = entry.Recorded.At.ToWire(),
        Actor = entry.Recorded.UserId,
        NodeId = entry.Recorded.NodeId,
        Action = entry.Action,
        Detail = entry.Detail,
    };

    public static Proto.ExtensionRequest ToProto(this ExtensionRequest extension) => new()
    {
        Id = extension.Id.ToString(),
        ItemId = extension.ItemId.ToString(),
        UnitId = extension.UnitId.ToString(),
        Status = extension.Status.ToString().ToLowerInvariant(),
        PreviousDeadline = extension.PreviousDeadline.ToWire(),
        RequestedDeadline = extension.RequestedDeadline.ToWire(),
        Reason = extension.Reason,
        RequestedBy = extension.Requested.UserId,
        RequestedAt = extension.Requested.At.ToWire(),
        DecidedBy = extension.Decided?.UserId ?? string.Empty,
        DecidedAt = extension.Decided?.At.ToWire() ?? string.Empty,
        DecisionNote = extension.DecisionNote ?? string.Empty,
    };

    public static Proto.EscalationStep ToProto(this EscalationStepRule step)
    {
        var proto = new Proto.EscalationStep
        {
            Step = step.Code,
            Order = step.Order,
            Name = step.ChineseName,
            OverdueWorkingDays = step.OverdueWorkingDays,
            SendBacks = step.SendBacks,
            CopyToDiscipline = step.CopyToDiscipline,
            CopyToOrganisation = step.CopyToOrganisation,
            UpdatedBy = step.UpdatedBy ?? string.Empty,
            UpdatedAt = step.UpdatedAt?.ToWire() ?? string.Empty,
            UpdatedOnNode = step.UpdatedOnNode ?? string.Empty,
        };
        proto.Roles.AddRange(step.RoleList);
        return proto;
    }
}
