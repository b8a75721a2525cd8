using MassTransit;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Tests.Resilience;

/// <summary>
/// The RabbitMQ reconnect back-off is capped: MassTransit's own grows to 30 s, so a broker back
/// after a minute was noticed up to half a minute late.
/// </summary>
public sealed class BrokerReconnectTests
{
    [Fact]
    public void The_transport_policy_is_replaced_by_one_capped_at_the_setting()
    {
        IRetryPolicy? before = null;
        IRetryPolicy? after = null;
        var applied = false;
        // Creating the bus reads the configuration only; nothing connects until it starts.
        Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri("amqp://guest:guest@127.0.0.1:1/"));
            before = HostPolicy(rabbit);
            applied = BrokerReconnect.TryCap(rabbit, TimeSpan.FromSeconds(3));
            after = HostPolicy(rabbit);
        });

        Assert.True(applied);
        Assert.Equal(TimeSpan.FromSeconds(30), Intervals(before!).Max());
        var intervals = Intervals(after!);
        Assert.Equal(TimeSpan.FromSeconds(3), intervals.Max());
        Assert.True(intervals[0] < TimeSpan.FromSeconds(2), $"first retry after {intervals[0]}");
        Assert.True(after!.IsHandled(new ConnectionException("broker unreachable")));
        Assert.False(after.IsHandled(new InvalidOperationException("not a connection failure")));
    }

    private static IRetryPolicy HostPolicy(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var host = rabbit.GetType().GetField("_hostConfiguration", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(rabbit)!;
        return (IRetryPolicy)host.GetType().GetProperty("ReceiveTransportRetryPolicy")!.GetValue(host)!;
    }

    /// <summary>The waits a policy would make: its Intervals property, or the TimeSpan[] it keeps them in.</summary>
    private static TimeSpan[] Intervals(IRetryPolicy policy)
    {
        const System.Reflection.BindingFlags all = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        var value = policy.GetType().GetProperty("Intervals", all)?.GetValue(policy)
            ?? policy.GetType().GetFields(all).FirstOrDefault(f => f.FieldType == typeof(TimeSpan[]))?.GetValue(policy)
            ?? throw new InvalidOperationException(policy.GetType().FullName + ": " + string.Join(", ", policy.GetType().GetFields(all).Select(f => f.Name + ":" + f.FieldType.Name)));
        return ((IEnumerable<TimeSpan>)value).ToArray();
    }
}

/// <summary>The outbox's own back-off: a row that failed all through a broker outage is tried again within seconds of its return.</summary>
public sealed class OutboxBackoffTests
{
    [Fact]
    public void By_default_a_row_waits_at_most_five_seconds_between_attempts()
    {
        var options = new Platform.BuildingBlocks.Outbox.OutboxOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.NextDelay(50));
        Assert.Equal(TimeSpan.FromSeconds(1), options.NextDelay(1));
    }
}
