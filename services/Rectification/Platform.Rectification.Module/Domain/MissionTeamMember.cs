namespace Platform.Rectification.Module.Domain;

/// <summary>
/// An inspector on the team of a mission whose findings became items here, as the latest
/// FeedbackGiven of that mission told it: the case-material policy lets exactly these inspectors
/// read the mission's items, evidence and ledger rows.
/// </summary>
public sealed class MissionTeamMember
{
    private MissionTeamMember()
    {
    }

    public Guid MissionId { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    /// <summary>When inspection gave the feedback that named this team; an older feedback delivered late never replaces a newer team.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public static MissionTeamMember Create(Guid missionId, string userId, DateTimeOffset asOf) =>
        new() { MissionId = missionId, UserId = userId, AsOf = asOf };

    /// <summary>A newer feedback named the same inspector again.</summary>
    public void Confirm(DateTimeOffset asOf) => AsOf = asOf;
}
