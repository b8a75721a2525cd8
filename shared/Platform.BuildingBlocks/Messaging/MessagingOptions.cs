namespace Platform.BuildingBlocks.Messaging;

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>Section "Messaging". The broker address is the connection string "eventbus" (an amqp:// URI).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public const string ConnectionName = "eventbus";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>Delays between redeliveries of a message whose consumer failed, before it goes to the error queue.</summary>
    public TimeSpan[] RetryIntervals { get; set; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>The longest wait between two attempts to reach RabbitMQ again (MassTransit's own grows to 30 s).</summary>
    public TimeSpan ReconnectMaxInterval { get; set; } = TimeSpan.FromSeconds(3);
}
