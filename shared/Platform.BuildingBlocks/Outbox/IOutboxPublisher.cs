namespace Platform.BuildingBlocks.Outbox;

/// <summary>Sends one outbox row to the broker and returns once the broker has acknowledged it.</summary>
public interface IOutboxPublisher
{
    Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken);
}
