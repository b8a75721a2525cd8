using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Rectification.Module.Domain;

/// <summary>One step of a unit's rectification plan with its target date.</summary>
public sealed class Milestone
{
    public string Text { get; set; } = string.Empty;

    public DateOnly Due { get; set; }
}

/// <summary>An evidence file already in the file store, to be recorded on a report.</summary>
public sealed record StoredEvidence(string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// A rectification item (整改事项): one finding fed back to its unit, from the plan to the
/// verified fix. Every change returns the history entry that records it, so no step goes
/// untraced; the version column keeps two replicas or two clerks from changing it unseen.
/// </summary>
public sealed class RectificationItem : AggregateRoot
{
    private RectificationItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid FindingId { get; private set; }

    public Guid FeedbackId { get; private set; }

    public Guid? MissionId { get; private set; }

    public string MissionTitle { get; private set; } = string.Empty;

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    /// <summary>GB/T 2260 code of the unit's region: offices whose region contains it see the item.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public string Location { get; private set; } = string.Empty;

    public string Category { get; private set; } = string.Empty;

    public string Severity { get; private set; } = Severities.General;

    public ItemState State { get; private set; }

    public string ResponsiblePerson { get; private set; } = string.Empty;

    public DateOnly Deadline { get; private set; }

    public DateOnly OriginalDeadline { get; private set; }

    public bool Overdue { get; private set; }

    /// <summary>The China date the item last became overdue (for the summaries).</summary>
    public DateOnly? OverdueOn { get; private set; }

    public int SendBackCount { get; private set; }

    /// <summary>Times a verified item was reopened; counts against the unit.</summary>
    public int ReopenCount { get; private set; }

    public int ExtensionCount { get; private set; }

    /// <summary>Order (1-7) of the last applied ladder step; 0 when none.</summary>
    public int EscalationOrder { get; private set; }

    /// <summary>Order of the step the evaluator proposes next, waiting for a person's decision.</summary>
    public int? ProposedOrder { get; private set; }

    public string? ProposalReason { get; private set; }

    public List<string> Measures { get; private set; } = [];

    public List<Milestone> Milestones { get; private set; } = [];

    public int ProgressPercent { get; private set; }

    public string LatestProgress { get; private set; } = string.Empty;

    public string CompletionSummary { get; private set; } = string.Empty;

    public List<string> Evidence { get; private set; } = [];

    /// <summary>Evidence files of every completion and progress report, kept across send-backs.</summary>
    public List<EvidenceFile> EvidenceFiles { get; private set; } = [];

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public Audit Opened { get; private set; } = null!;

    public Audit Updated { get; private set; } = null!;

    public Audit? Closed { get; private set; }

    public int Version { get; private set; }

    /// <summary>How many history entries the item has; numbers the next one.</summary>
    public int HistoryCount { get; private set; }

    public bool IsClosed => State == ItemState.Verified;

    /// <summary>
    /// The node whose mission found what this item fixes, when that is a node above (ADR 0022); null for this node's own
    /// findings. Such an item's status goes up to that node, and <see cref="MissionId"/> is that node's mission.
    /// </summary>
    public string? OriginNodeId { get; private set; }

    public static (RectificationItem Item, ItemHistoryEntry Entry) Open(
        Guid findingId, Guid feedbackId, Guid? missionId, string missionTitle, Guid unitId, string unitName, string regionCode,
        string title, string description, string location, string category, string severity, DateOnly deadline, DateOnly today, Audit opened)
    {
        var item = Create(findingId, feedbackId, missionId, missionTitle, unitId, unitName, regionCode, title, description, location, category, severity,
            deadline, today, opened);
        return (item, item.Entry(opened, HistoryActions.Opened, $"依据督察反馈开立整改事项，整改期限{deadline:yyyy-MM-dd}"));
    }

    private static RectificationItem Create(
        Guid findingId, Guid feedbackId, Guid? missionId, string missionTitle, Guid unitId, string unitName, string regionCode,
        string title, string description, string location, string category, string severity, DateOnly deadline, DateOnly today, Audit opened)
    {
        var item = new RectificationItem
        {
            Id = Guid.CreateVersion7(),
            FindingId = findingId,
            FeedbackId = feedbackId,
            MissionId = missionId,
            MissionTitle = missionTitle,
            UnitId = unitId,
            UnitName = unitName,
            RegionCode = regionCode,
            Title = title,
            Description = description,
            Location = location,
            Category = category,
            Severity = severity,
            State = ItemState.Open,
            Deadline = deadline,
            OriginalDeadline = deadline,
            OpenedOn = today,
            Opened = opened,
            Updated = opened,
        };
        item.Record(new ItemOpened(
            item.Id, findingId, missionId, unitId, unitName, title, category, severity, item.ResponsiblePerson, deadline));
        return item;
    }

    /// <summary>
    /// Opens an item for a finding that a mission of a node above fed back to a unit of this node (ADR 0022). The finding
    /// stays with this node: it has no id here, so the item gets one of its own.
    /// </summary>
    public static (RectificationItem Item, ItemHistoryEntry Entry) OpenFromAbove(
        MissionFromAbove mission, Guid unitId, string unitName, string regionCode, string title, string description, string location,
        string category, string severity, DateOnly deadline, DateOnly today, Audit opened)
    {
        var item = Create(
            Guid.CreateVersion7(), Guid.Empty, mission.MissionId, mission.Title, unitId, unitName, regionCode, title, description, location, category,
            severity, deadline, today, opened);
        item.OriginNodeId = mission.OriginNodeId;
        return (item, item.Entry(opened, HistoryActions.Opened,
            $"依据上级节点（{mission.OriginNodeId}）督察反馈开立整改事项（{mission.Title}），整改期限{deadline:yyyy-MM-dd}"));
    }

    public ItemHistoryEntry AssignResponsibility(string person, DateOnly? deadline, string note, Audit stamp)
    {
        RequireNotClosed("assign responsibility");
        ResponsiblePerson = person;
        var detail = $"责任人：{person}";
        if (deadline is { } newDeadline && newDeadline != Deadline)
        {
            detail += $"；整改期限由{Deadline:yyyy-MM-dd}调整为{newDeadline:yyyy-MM-dd}";
            MoveDeadline(newDeadline);
        }
        if (note.Length > 0)
        {
            detail += $"；说明：{note}";
        }
        return Touch(stamp, HistoryActions.ResponsibilityAssigned, detail);
    }

    public ItemHistoryEntry SubmitPlan(IReadOnlyList<string> measures, IReadOnlyList<Milestone> milestones, Audit stamp)
    {
        RequireState("submit a plan", ItemState.Open);
        Measures = [.. measures];
        Milestones = [.. milestones];
        State = ItemState.PlanSubmitted;
        Record(new ItemPlanSubmitted(Id, UnitId, measures.Count));
        return Touch(stamp, HistoryActions.PlanSubmitted, $"整改措施{measures.Count}项：{string.Join("；", measures)}" +
            (milestones.Count > 0 ? $"；节点：{string.Join("；", milestones.Select(m => $"{m.Due:yyyy-MM-dd} {m.Text}"))}" : string.Empty));
    }

    public (ItemHistoryEntry Entry, IReadOnlyList<EvidenceFile> Files) ReportProgress(
        int percent, string text, IReadOnlyList<StoredEvidence> files, Audit stamp)
    {
        RequireState("report progress", ItemState.PlanSubmitted, ItemState.InProgress);
        ProgressPercent = percent;
        LatestProgress = text;
        State = ItemState.InProgress;
        Record(new ItemProgressReported(Id, UnitId, percent));
        var added = AttachEvidence(HistoryActions.ProgressReported, files, stamp);
        var detail = $"进度{percent}%：{text}" + (added.Count > 0 ? $"；附件：{FileNames(added)}" : string.Empty);
        return (Touch(stamp, HistoryActions.ProgressReported, detail), added);
    }

    public (ItemHistoryEntry Entry, IReadOnlyList<EvidenceFile> Files) SubmitCompletion(
        string summary, IReadOnlyList<string> evidence, IReadOnlyList<StoredEvidence> files, Audit stamp)
    {
        RequireState("submit completion", ItemState.PlanSubmitted, ItemState.InProgress);
        CompletionSummary = summary;
        Evidence = [.. evidence];
        ProgressPercent = 100;
        State = ItemState.CompletionSubmitted;
        Record(new ItemCompletionSubmitted(Id, UnitId));
        var added = AttachEvidence(HistoryActions.CompletionSubmitted, files, stamp);
        // The file names go into the history, so the file handed on with an escalation names them too.
        var parts = evidence.Concat(added.Select(f => $"{f.FileName}（附件）"));
        return (Touch(stamp, HistoryActions.CompletionSubmitted, $"{summary}；佐证材料：{string.Join("；", parts)}"), added);
    }

    private List<EvidenceFile> AttachEvidence(string report, IReadOnlyList<StoredEvidence> files, Audit stamp)
    {
        var added = files.Select(f => EvidenceFile.Create(Id, report, f.FileName, f.ContentType, f.Size, f.Sha256, stamp)).ToList();
        EvidenceFiles.AddRange(added);
        return added;
    }

    private static string FileNames(IEnumerable<EvidenceFile> files) => string.Join("；", files.Select(f => f.FileName));

    public ItemHistoryEntry Verify(string note, DateOnly today, Audit stamp)
    {
        RequireState("verify", ItemState.CompletionSubmitted);
        State = ItemState.Verified;
        Overdue = false;
        ProposedOrder = null;
        ProposalReason = null;
        ClosedOn = today;
        Closed = stamp;
        Record(new ItemVerified(Id, UnitId));
        return Touch(stamp, HistoryActions.Verified, note.Length > 0 ? $"验收销号：{note}" : "验收销号");
    }

    public ItemHistoryEntry SendBack(string reason, DateOnly newDeadline, Audit stamp)
    {
        RequireState("send back", ItemState.CompletionSubmitted);
        SendBackCount++;
        State = ItemState.InProgress;
        var previous = Deadline;
        MoveDeadline(newDeadline);
        Record(new ItemSentBack(Id, UnitId, UnitName, Title, reason, newDeadline, SendBackCount));
        return Touch(stamp, HistoryActions.SentBack,
            $"第{SendBackCount}次退回：{reason}；整改期限由{previous:yyyy-MM-dd}调整为{newDeadline:yyyy-MM-dd}");
    }

    public ItemHistoryEntry ApproveExtension(DateOnly newDeadline, string note, Audit stamp)
    {
        RequireNotClosed("extend");
        var previous = Deadline;
        ExtensionCount++;
        MoveDeadline(newDeadline);
        Record(new ItemDeadlineExtended(Id, UnitId, previous, newDeadline));
        return Touch(stamp, HistoryActions.ExtensionApproved,
            $"同意延期：整改期限由{previous:yyyy-MM-dd}延至{newDeadline:yyyy-MM-dd}" + (note.Length > 0 ? $"；{note}" : string.Empty));
    }

    /// <summary>Marks the item overdue; null when it is closed, already marked, or not past its deadline.</summary>
    public ItemHistoryEntry? MarkOverdueIfDue(DateOnly today, Audit stamp)
    {
        if (IsClosed || Overdue || today <= Deadline)
        {
            return null;
        }
        Overdue = true;
        OverdueOn = today;
        Record(new ItemFellOverdue(Id, UnitId, UnitName, Title, Deadline));
        return Touch(stamp, HistoryActions.Overdue, $"超过整改期限{Deadline:yyyy-MM-dd}未完成整改");
    }

    /// <summary>
    /// Applies the next step of the ladder. A step cannot be skipped or applied twice. With
    /// <paramref name="caseFile"/> (the history so far) the step hands on the whole file, this step included.
    /// </summary>
    public ItemHistoryEntry Escalate(EscalationStepRule step, string reason, Audit stamp, IReadOnlyList<ItemHistoryEntry>? caseFile = null)
    {
        RequireNotClosed("escalate");
        if (step.Order != EscalationOrder + 1)
        {
            var next = LadderSteps.NextStepCode(EscalationOrder);
            throw new PreconditionFailedException(step.Order <= EscalationOrder
                ? $"Step {step.Code} was already applied to this item; the next step is {next ?? "none (the ladder is complete)"}."
                : $"Step {step.Code} cannot be applied before {next}: the ladder is climbed one step at a time.");
        }
        EscalationOrder = step.Order;
        ProposedOrder = null;
        ProposalReason = null;
        var entry = Touch(stamp, HistoryActions.Escalated, $"{step.ChineseName}（第{step.Order}级）：{reason}");
        Record(new ItemEscalated(
            Id, FindingId, UnitId, UnitName, Title, Severity, step.Code, step.Order, reason, Deadline, step.CopyToDiscipline,
            step.CopyToOrganisation, caseFile is null ? [] : [.. caseFile, entry]));
        return entry;
    }

    /// <summary>Proposes the next step; false when a proposal is already waiting or the step is not the next one.</summary>
    public bool Propose(int order, string reason)
    {
        if (IsClosed || ProposedOrder is not null || order != EscalationOrder + 1 || order > LadderSteps.Codes.Count)
        {
            return false;
        }
        ProposedOrder = order;
        ProposalReason = reason;
        return true;
    }

    public ItemHistoryEntry LookBackPassed(Guid missionId, string note, Audit stamp)
    {
        RequireState("record a look-back", ItemState.Verified);
        return Touch(stamp, HistoryActions.LookBackPassed, $"回头看（{missionId}）复查通过" + (note.Length > 0 ? $"：{note}" : string.Empty));
    }

    /// <summary>Why a reopened item was reopened, as the integration event names it.</summary>
    public const string LookBackCause = "look_back";

    public ItemHistoryEntry LookBackFailed(Guid missionId, string note, DateOnly newDeadline, Audit stamp)
    {
        RequireState("record a look-back", ItemState.Verified);
        ReopenCount++;
        State = ItemState.InProgress;
        ClosedOn = null;
        Closed = null;
        MoveDeadline(newDeadline);
        Record(new ItemReopened(Id, UnitId, UnitName, Title, LookBackCause, note, newDeadline, missionId));
        return Touch(stamp, HistoryActions.Reopened,
            $"回头看（{missionId}）复查未通过，第{ReopenCount}次重新整改：{note}；新整改期限{newDeadline:yyyy-MM-dd}");
    }

    /// <summary>Records a step that changes nothing else on the item (an extension request, a refusal).</summary>
    public ItemHistoryEntry Record(Audit stamp, string action, string detail) => Touch(stamp, action, detail);

    private void MoveDeadline(DateOnly deadline)
    {
        Deadline = deadline;
        Overdue = false;
    }

    private ItemHistoryEntry Touch(Audit stamp, string action, string detail)
    {
        Updated = stamp;
        Version++;
        return Entry(stamp, action, detail);
    }

    private ItemHistoryEntry Entry(Audit stamp, string action, string detail) => ItemHistoryEntry.Create(Id, ++HistoryCount, stamp, action, detail);

    private void RequireNotClosed(string action)
    {
        if (IsClosed)
        {
            throw new PreconditionFailedException(
                $"Cannot {action}: the item is verified (closed); allowed in states open, plan_submitted, in_progress, completion_submitted.");
        }
    }

    private void RequireState(string action, params ItemState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new PreconditionFailedException(
                $"Cannot {action}: the item is {State.WireName()}; allowed in state {string.Join(", ", allowed.Select(s => s.WireName()))}.");
        }
    }
}
