namespace Platform.Contracts.Events;

/// <summary>
/// An event one service publishes for others. Records under this namespace are a public
/// contract: change them only by adding members.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>When the change that raised the event happened.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The node (office) on which it happened.</summary>
    string NodeId { get; }
}
