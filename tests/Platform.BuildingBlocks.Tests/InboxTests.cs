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

[Collection(OutboxDatabaseCollection.Name)]
public sealed class InboxTests : IAsyncLifetime
{
    private readonly OutboxTestDatabase _database = new();
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private readonly DeliveryCounter _deliveries = new();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite(_database.NewContext().Database.GetConnectionString()));
        services.AddSingleton<TimeProvider>(_database.Clock);
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<WidgetConsumer>());
        _provider = services.BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _harness.Bus.ConnectConsumeObserver(_deliveries);
    }

    [Fact]
    public async Task A_message_delivered_twice_changes_state_once()
    {
        var messageId = Guid.CreateVersion7();
        var message = OutboxTestDatabase.NewEvent("delivered twice");
        await PublishAsync(message, messageId);
        await PublishAsync(message, messageId);
        await WaitForConsumedAsync(2);

        await using var db = _database.NewContext();
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

        await using var db = _database.NewContext();
        Assert.Single(await db.Widgets.ToListAsync());
    }

    [Fact]
    public async Task Different_messages_are_each_consumed()
    {
        await PublishAsync(OutboxTestDatabase.NewEvent("one"), Guid.CreateVersion7());
        await PublishAsync(OutboxTestDatabase.NewEvent("two"), Guid.CreateVersion7());
        await WaitForConsumedAsync(2);

        await using var db = _database.NewContext();
        Assert.Equal(["one", "two"], (await db.Widgets.Select(w => w.Name).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_failed_consumer_leaves_no_inbox_record_so_redelivery_processes_it()
    {
        await PublishAsync(OutboxTestDatabase.NewEvent("poison"), Guid.CreateVersion7());
        await WaitForConsumedAsync(1);
        Assert.True(await _harness.Consumed.Any<TaskAssigned>(x => x.Exception is not null));

        await using var db = _database.NewContext();
        Assert.Empty(await db.ProcessedMessages.ToListAsync());
        Assert.Empty(await db.Widgets.ToListAsync());
    }

    private Task PublishAsync(TaskAssigned message, Guid messageId) =>
        _harness.Bus.Publish(message, context => context.MessageId = messageId);

    private async Task WaitForConsumedAsync(int count)
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
        _database.Dispose();
    }
}
