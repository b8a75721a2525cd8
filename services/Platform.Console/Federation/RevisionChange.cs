using Platform.Contracts.Planning.V1;

namespace Platform.WebConsole.Federation;

/// <summary>
/// What a revision from above, waiting to be acknowledged, changes in the local task: the local task holds the
/// revision last acknowledged, so its title and deadline are the "before". Null where the revision keeps the value.
/// </summary>
public sealed record RevisionChange(string? Title, string? Deadline)
{
    public static RevisionChange Between(PlanTask local, ReceivedTask received) => new(
        local.Title == received.Title ? null : local.Title,
        local.Deadline == received.Deadline ? null : local.Deadline);
}
