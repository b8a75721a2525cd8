using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Tests;

/// <summary>Adds one widget per TaskAssigned; fails for tasks named "poison".</summary>
[WireName("tests.widget_consumer.v1")]
public sealed class WidgetConsumer(TestDbContext db, TimeProvider clock) : IdempotentConsumer<TaskAssigned, TestDbContext>(db, clock)
{
    protected override Task HandleAsync(TaskAssigned message, ConsumeContext<TaskAssigned> context)
    {
        if (message.TaskTitle == "poison")
        {
            throw new InvalidOperationException("cannot handle this one");
        }
        Db.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = message.TaskTitle });
        return Task.CompletedTask;
    }
}

/// <summary>
/// For "numbered" tasks, adds the widget with the next free number as its key, as a link's outbox takes the link's
/// next sequence: consumers running at once read the same number and all but one lose the race on save.
/// </summary>
[WireName("tests.numbered_widget_consumer.v1")]
public sealed class NumberedWidgetConsumer(TestDbContext db, TimeProvider clock) : IdempotentConsumer<TaskAssigned, TestDbContext>(db, clock)
{
    protected override async Task HandleAsync(TaskAssigned message, ConsumeContext<TaskAssigned> context)
    {
        if (!message.TaskTitle.StartsWith("numbered", StringComparison.Ordinal))
        {
            return;
        }
        var next = await Db.Widgets.CountAsync(context.CancellationToken) + 1;
        // Widen the window between the read and the save, as a busy node does.
        await Task.Delay(10, context.CancellationToken);
        Db.Widgets.Add(new Widget { Id = new Guid(next, 0, 0, new byte[8]), Name = message.TaskTitle });
    }
}

/// <summary>The numbered consumer alone on a bus: messages racing for the same next number.</summary>
public sealed class LostRaceInboxTests : ConsumerOnTestBus
{
    protected override Type ConsumerType => typeof(NumberedWidgetConsumer);

    [Fact]
    public async Task Messages_that_race_for_the_same_next_number_are_each_applied_once_in_their_first_delivery()
    {
        const int count = 12;
        await Task.WhenAll(Enumerable.Range(1, count).Select(i => PublishAsync(OutboxTestDatabase.NewEvent($"numbered {i}"), Guid.CreateVersion7())));
        await WaitForConsumedAsync(count);

        // None ended in a fault: a lost race is re-applied at once, not left to the bus's few redeliveries.
        Assert.False(await Harness.Consumed.Any<TaskAssigned>(x => x.Exception is not null));
        await using var db = Database.NewContext();
        var widgets = await db.Widgets.ToListAsync();
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"numbered {i}").Order(), widgets.Select(w => w.Name).Order());
        Assert.Equal(Enumerable.Range(1, count), widgets.Select(w => BitConverter.ToInt32(w.Id.ToByteArray(), 0)).Order());
        Assert.Equal(count, await db.ProcessedMessages.CountAsync());
    }
}

public sealed class InboxTests : ConsumerOnTestBus
{
    protected override Type ConsumerType => typeof(WidgetConsumer);

    [Fact]
    public async Task A_message_delivered_twice_changes_state_once()
    {
        var messageId = Guid.CreateVersion7();
        var message = OutboxTestDatabase.NewEvent("delivered twice");
        await PublishAsync(message, messageId);
        await PublishAsync(message, messageId);
        await WaitForConsumedAsync(2);

        await using var db = Database.NewContext();
        Assert.Single(await db.Widgets.ToListAsync());
        var processed = Assert.Single(await db.ProcessedMessages.ToListAsync());
        Assert.Equal(messageId, processed.MessageId);
        Assert.Equal("tests.widget_consumer.v1", processed.Consumer);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_change_state_once()
    {
        var messageId = Guid.CreateVersion7();
        var message = OutboxTestDatabase.NewEvent("raced");
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PublishAsync(message, messageId)));
        await WaitForConsumedAsync(5);

        await using var db = Database.NewContext();
        Assert.Single(await db.Widgets.ToListAsync());
    }

    [Fact]
    public async Task Different_messages_are_each_consumed()
    {
        await PublishAsync(OutboxTestDatabase.NewEvent("one"), Guid.CreateVersion7());
        await PublishAsync(OutboxTestDatabase.NewEvent("two"), Guid.CreateVersion7());
        await WaitForConsumedAsync(2);

        await using var db = Database.NewContext();
        Assert.Equal(["one", "two"], (await db.Widgets.Select(w => w.Name).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_failed_consumer_leaves_no_inbox_record_so_redelivery_processes_it()
    {
        await PublishAsync(OutboxTestDatabase.NewEvent("poison"), Guid.CreateVersion7());
        await WaitForConsumedAsync(1);
        Assert.True(await Harness.Consumed.Any<TaskAssigned>(x => x.Exception is not null));

        await using var db = Database.NewContext();
        Assert.Empty(await db.ProcessedMessages.ToListAsync());
        Assert.Empty(await db.Widgets.ToListAsync());
    }
}

/// <summary>A consumer on MassTransit's test bus over a SQLite store, with every finished delivery counted.</summary>
[Collection(OutboxDatabaseCollection.Name)]
public abstract class ConsumerOnTestBus : IAsyncLifetime
{
    protected abstract Type ConsumerType { get; }

    protected OutboxTestDatabase Database => _database;

    protected ITestHarness Harness => _harness;

    private readonly OutboxTestDatabase _database = new();
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private readonly DeliveryCounter _deliveries = new();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite(_database.NewContext().Database.GetConnectionString()));
        services.AddSingleton<TimeProvider>(_database.Clock);
        services.AddMassTransitTestHarness(bus => bus.AddConsumer(ConsumerType));
        _provider = services.BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _harness.Bus.ConnectConsumeObserver(_deliveries);
    }

    protected Task PublishAsync(TaskAssigned message, Guid messageId) =>
        _harness.Bus.Publish(message, context => context.MessageId = messageId);

    protected async Task WaitForConsumedAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_deliveries.Finished < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {_deliveries.Finished} of {count} deliveries were consumed");
            await Task.Delay(20);
        }
    }

    /// <summary>Counts every finished delivery; the harness's own lists fold deliveries with one message id together.</summary>
    private sealed class DeliveryCounter : IConsumeObserver
    {
        private int _finished;

        public int Finished => Volatile.Read(ref _finished);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref _finished);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            Interlocked.Increment(ref _finished);
            return Task.CompletedTask;
        }
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
        Database.Dispose();
    }
}
