using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Inspection.Module.Domain;

/// <summary>The states of a mission, in the order it passes them.</summary>
public static class MissionStates
{
    public const string Planned = "planned";
    public const string Notified = "notified";
    public const string InProgress = "in_progress";
    public const string Reporting = "reporting";
    public const string FeedbackGiven = "feedback_given";
    public const string Closed = "closed";

    public static readonly IReadOnlyDictionary<string, string> All =
        MissionKinds.Map(Planned, Notified, InProgress, Reporting, FeedbackGiven, Closed);

    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Planned] = [Notified],
        [Notified] = [InProgress],
        [InProgress] = [Reporting],
        [Reporting] = [FeedbackGiven],
        [FeedbackGiven] = [Closed],
        [Closed] = [],
    };

    public static IReadOnlyList<string> AllowedAfter(string state) => Next.TryGetValue(state, out var next) ? next : [];
}

/// <summary>A unit (or a child region's government) a mission inspects, as the caller named it.</summary>
public sealed class MissionTarget
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UnitId { get; set; }

    public string UnitName { get; set; } = string.Empty;

    public string? RegionCode { get; set; }

    public Guid? FeedbackId { get; set; }
}

/// <summary>An inspector on a mission's team.</summary>
public sealed class TeamMember
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InspectorId { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool IsLeader { get; set; }
}

/// <summary>An inspection mission (督察任务): targets, focus, team, schedule, methods and its state.</summary>
public sealed class Mission : AggregateRoot
{
    private readonly List<MissionTarget> _targets = [];
    private readonly List<TeamMember> _team = [];

    private Mission()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Kind { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public string PlanEntry { get; private set; } = string.Empty;

    public IReadOnlyList<MissionTarget> Targets => _targets;

    public IReadOnlyList<TeamMember> Team => _team;

    public List<string> FocusItems { get; private set; } = [];

    public List<string> Methods { get; private set; } = [];

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public string State { get; private set; } = MissionStates.Planned;

    public Audit Created { get; private set; } = null!;

    public Audit Updated { get; private set; } = null!;

    /// <summary>Optimistic concurrency: two clerks moving one mission at once cannot both win.</summary>
    public int Version { get; private set; }

    public static Mission Plan(
        string title, string kind, int year, string planEntry, IEnumerable<MissionTarget> targets,
        IEnumerable<string> focusItems, IEnumerable<string> methods, DateOnly startsOn, DateOnly endsOn, Audit created)
    {
        var mission = new Mission
        {
            Id = Guid.CreateVersion7(),
            Title = title,
            Kind = kind,
            Year = year,
            PlanEntry = planEntry,
            FocusItems = focusItems.ToList(),
            Methods = methods.Distinct().ToList(),
            StartsOn = startsOn,
            EndsOn = endsOn,
            Created = created,
            Updated = created,
        };
        mission._targets.AddRange(targets);
        return mission;
    }

    public MissionTarget? TargetFor(Guid unitId) => _targets.FirstOrDefault(t => t.UnitId == unitId);

    public bool IsOnTeam(string userId) => _team.Any(m => m.UserId == userId);

    public IReadOnlyList<string> AllowedNextStates => MissionStates.AllowedAfter(State);

    /// <summary>Replaces the team. Conflict of interest and availability are checked by the caller, who knows the pool.</summary>
    public void FormTeam(IEnumerable<TeamMember> members, Audit updated)
    {
        if (State is MissionStates.FeedbackGiven or MissionStates.Closed)
        {
            throw new PreconditionFailedException($"The team of a mission in state {State} can no longer change.");
        }
        _team.Clear();
        _team.AddRange(members);
        Touch(updated);
    }

    /// <summary>Moves to the next state; anything but an allowed next state is refused with the allowed ones named.</summary>
    public void MoveTo(string next, Audit updated)
    {
        var allowed = AllowedNextStates;
        if (!allowed.Contains(next))
        {
            throw new PreconditionFailedException(
                $"Mission is {State}; it cannot move to {next}. Allowed next states: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.");
        }
        if (next == MissionStates.Notified && _team.Count == 0)
        {
            throw new PreconditionFailedException("Mission is planned without a team; form the team before notifying the targets.");
        }
        State = next;
        Touch(updated);
        if (next == MissionStates.Notified)
        {
            Record(new MissionAnnounced(Id, Title, Kind, Year, [.. _targets], [.. FocusItems], StartsOn, EndsOn));
        }
    }

    public void RecordFeedback(MissionTarget target, Guid feedbackId, Audit updated)
    {
        target.FeedbackId = feedbackId;
        Touch(updated);
    }

    private void Touch(Audit updated)
    {
        Updated = updated;
        Version++;
    }
}
