using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client.Exceptions;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// MassTransit 8 reconnects each receive endpoint (and each send) to RabbitMQ on a fixed
/// exponential policy that grows to 30 s, so a broker back after a minute was noticed up to
/// half a minute late. The policy is a get-only property of the host configuration, set in its
/// constructor, and 8.5.12 has no configurator setting for it (the RabbitMQ host configurator
/// offers heartbeat and timeouts only); this replaces it, before the bus starts, with one that retries the same
/// exceptions but never waits longer than <see cref="MessagingOptions.ReconnectMaxInterval"/>.
/// </summary>
public static class BrokerReconnect
{
    /// <summary>Caps the reconnect back-off; false when this MassTransit version keeps the policy elsewhere (the default stays).</summary>
    public static bool TryCap(IRabbitMqBusFactoryConfigurator rabbit, TimeSpan maxInterval)
    {
        var hostField = FindField(rabbit.GetType(), "_hostConfiguration");
        var host = hostField?.GetValue(rabbit);
        var policyField = host is null ? null : FindField(host.GetType(), "<ReceiveTransportRetryPolicy>k__BackingField");
        if (policyField is null || policyField.FieldType != typeof(IRetryPolicy))
        {
            return false;
        }
        policyField.SetValue(host, CreatePolicy(maxInterval));
        return true;
    }

    /// <summary>The transport's own filters (RabbitMqHostConfiguration, 8.5), with the interval capped.</summary>
    public static IRetryPolicy CreatePolicy(TimeSpan maxInterval)
    {
        var min = TimeSpan.FromMilliseconds(Math.Min(500, maxInterval.TotalMilliseconds));
        return Retry.CreatePolicy(x =>
        {
            x.Handle<ConnectionException>();
            x.Handle<AlreadyClosedException>();
            x.Handle<EndOfStreamException>();
            x.Handle<OperationInterruptedException>(e => e.ChannelShouldBeClosed());
            x.Handle<NotSupportedException>(e => e.Message.Contains("Pipelining of requests forbidden", StringComparison.Ordinal));
            x.Ignore<AuthenticationFailureException>();
            // As many attempts as MassTransit's 1000 at 30 s would make in the same hours.
            x.Exponential(10_000, min, maxInterval, min);
        });
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } field)
            {
                return field;
            }
        }
        return null;
    }
}
