using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Tests;

/// <summary>
/// Outbox rows and inbox records by wire name, and those written before the wire names (under the
/// CLR type name) still dispatched and deduplicated after the upgrade.
/// </summary>
[Collection(OutboxDatabaseCollection.Name)]
public sealed class WireNameTests : IDisposable
{
    private readonly OutboxTestDatabase _database = new();

    [Fact]
    public async Task A_row_stored_under_the_wire_name_dispatches()
    {
        var sent = OutboxTestDatabase.NewEvent("by wire name");
        await _database.SaveEventsAsync(sent);
        await using (var db = _database.NewContext())
        {
            Assert.Equal("planning.task_assigned.v1", await db.OutboxMessages.Select(m => m.MessageType).SingleAsync());
        }

        Assert.Equal(sent, await DispatchOneAsync());
    }

    [Fact]
    public async Task A_row_stored_under_the_clr_name_before_the_upgrade_still_dispatches()
    {
        var sent = OutboxTestDatabase.NewEvent("written by the previous release");
        await _database.SaveEventsAsync(sent);
        await using (var db = _database.NewContext())
        {
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.MessageType, typeof(TaskAssigned).FullName!));
        }

        Assert.Equal(sent, await DispatchOneAsync());
    }

    [Fact]
    public async Task A_message_handled_before_the_upgrade_is_not_handled_again()
    {
        var messageId = Guid.CreateVersion7();
        await using (var db = _database.NewContext())
        {
            // The previous release recorded the consumer under its class name.
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = messageId, Consumer = typeof(WidgetConsumer).FullName!, ProcessedAt = _database.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        await using var provider = InboxProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            await harness.Bus.Publish(OutboxTestDatabase.NewEvent("redelivered"), c => c.MessageId = messageId);
            await harness.Bus.Publish(OutboxTestDatabase.NewEvent("new"), c => c.MessageId = Guid.CreateVersion7());
            Assert.True(await harness.Consumed.Any<TaskAssigned>(x => x.Context.Message.TaskTitle == "new"));
            Assert.True(await harness.Consumed.Any<TaskAssigned>(x => x.Context.Message.TaskTitle == "redelivered"));
        }
        finally
        {
            await harness.Stop();
        }

        await using var check = _database.NewContext();
        Assert.Equal(["new"], await check.Widgets.Select(w => w.Name).ToListAsync());
        Assert.Equal(
            [typeof(WidgetConsumer).FullName!, "tests.widget_consumer.v1"],
            (await check.ProcessedMessages.Select(m => m.Consumer).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_bus_names_the_exchange_of_an_event_by_its_wire_name()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:Transport"] = "InMemory" });
        builder.AddPlatformMessaging();
        using var host = builder.Build();
        var bus = host.Services.GetRequiredService<IBus>();
        Assert.Equal("planning.task_assigned.v1", bus.Topology.Message<TaskAssigned>().EntityName);
    }

    [Fact]
    public async Task A_clash_on_a_key_names_what_exists()
    {
        var id = Guid.CreateVersion7();
        await using (var db = _database.NewContext())
        {
            db.Widgets.Add(new Widget { Id = id, Name = "first" });
            await db.SaveChangesAsync();
        }
        await using var again = _database.NewContext();
        again.Widgets.Add(new Widget { Id = id, Name = "second" });
        var clash = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());

        var error = ErrorClassifier.Classify(clash, callCancelled: false);
        Assert.Equal(global::Grpc.Core.StatusCode.AlreadyExists, error.Code);
        Assert.Equal($"A widget with id '{id}' already exists.", error.Message);
    }

    private async Task<object> DispatchOneAsync()
    {
        var broker = new RecordingPublisher();
        await using var process = _database.StartProcess(broker);
        Assert.Equal(1, await process.Dispatcher().DispatchBatchAsync(default));
        return Assert.Single(broker.Acknowledged).Message;
    }

    private ServiceProvider InboxProvider()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite(_database.NewContext().Database.GetConnectionString()));
        services.AddSingleton<TimeProvider>(_database.Clock);
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<WidgetConsumer>());
        return services.BuildServiceProvider(true);
    }

    public void Dispose() => _database.Dispose();
}
