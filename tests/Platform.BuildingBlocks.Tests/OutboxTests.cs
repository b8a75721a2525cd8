using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Tests;

[Collection(OutboxDatabaseCollection.Name)]
public sealed class OutboxTests : IDisposable
{
    private readonly OutboxTestDatabase _database = new();

    [Fact]
    public async Task Event_is_stored_in_the_same_transaction_as_the_change()
    {
        var widgetId = Guid.CreateVersion7();
        await using (var db = _database.NewContext())
        {
            db.Widgets.Add(new Widget { Id = widgetId, Name = "first" });
            db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
            await db.SaveChangesAsync();
        }

        // The second change fails (duplicate key): its event must not be stored either.
        await using (var db = _database.NewContext())
        {
            db.Widgets.Add(new Widget { Id = widgetId, Name = "duplicate" });
            db.AddIntegrationEvent(OutboxTestDatabase.NewEvent("never happened"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = _database.NewContext();
        var row = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Equal("planning.task_assigned.v1", row.MessageType);
        Assert.Null(row.PublishedAt);
        Assert.DoesNotContain("never happened", row.Payload);
    }

    [Fact]
    public async Task Aggregate_event_reaches_the_outbox_stamped_in_the_same_transaction_and_not_when_it_fails()
    {
        _database.Http.HttpContext = new DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(Auth.PlatformClaims.Subject, "clerk-7")], "test")),
        };
        var widgetId = Guid.CreateVersion7();
        await using (var db = _database.NewContext())
        {
            db.Widgets.Add(Widget.Make(widgetId, "first"));
            await db.SaveChangesAsync();
        }

        // The second change fails (duplicate key) inside a transaction: its event must not be stored either.
        await using (var db = _database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(Widget.Make(widgetId, "never happened"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = _database.NewContext();
        var row = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Equal("planning.task_assigned.v1", row.MessageType);
        var stored = System.Text.Json.JsonSerializer.Deserialize<TaskAssigned>(row.Payload, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal((widgetId, "first"), (stored.AssignmentId, stored.TaskTitle));
        Assert.Equal(("clerk-7", _database.Clock.GetUtcNow(), "nantong"), (stored.AssignedBy, stored.OccurredAt, stored.NodeId));
        Assert.Equal(_database.Clock.GetUtcNow(), row.OccurredAt);
        Assert.Equal("first", Assert.Single(await check.Widgets.ToListAsync()).Name);
    }

    [Fact]
    public async Task Aggregate_event_saved_by_a_background_worker_is_stamped_system_and_sent_once()
    {
        await using (var db = _database.NewContext())
        {
            db.Widgets.Add(Widget.Make(Guid.CreateVersion7(), "scanned"));
            await db.SaveChangesAsync();
            // A second save of the same context has nothing new to send.
            await db.SaveChangesAsync();
        }

        await using var check = _database.NewContext();
        var row = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Contains("\"assignedBy\":\"system\"", row.Payload);
    }

    [Fact]
    public async Task Dispatcher_publishes_with_the_outbox_id_as_message_id_and_marks_the_row()
    {
        var published = OutboxTestDatabase.NewEvent();
        await SaveEventsAsync(published);
        var broker = new RecordingPublisher();
        await using var process = _database.StartProcess(broker);

        Assert.Equal(1, await process.Dispatcher().DispatchBatchAsync(default));

        var (messageId, message) = Assert.Single(broker.Acknowledged);
        Assert.Equal(published, message);
        await using var db = _database.NewContext();
        var row = await db.OutboxMessages.SingleAsync();
        Assert.Equal(row.Id, messageId);
        Assert.Equal(_database.Clock.GetUtcNow(), row.PublishedAt);
        Assert.Null(row.LockedUntil);

        // Published rows are not sent again.
        Assert.Equal(0, await process.Dispatcher().DispatchBatchAsync(default));
        Assert.Single(broker.Acknowledged);
    }

    [Fact]
    public async Task Crash_between_commit_and_publish_is_published_after_the_restart()
    {
        // The process committed the change and its event, then died before any dispatch.
        var committed = OutboxTestDatabase.NewEvent();
        await SaveEventsAsync(committed);

        var broker = new RecordingPublisher();
        await using var restarted = _database.StartProcess(broker);
        await restarted.Dispatcher().DispatchBatchAsync(default);

        Assert.Equal(committed, Assert.Single(broker.Acknowledged).Message);
    }

    [Fact]
    public async Task Crash_after_publish_before_marking_republishes_with_the_same_message_id_once_the_lock_expires()
    {
        await SaveEventsAsync(OutboxTestDatabase.NewEvent());
        Guid id;
        await using (var db = _database.NewContext())
        {
            // A dispatcher claimed the row, the broker took the message, and the process died before marking it.
            var row = await db.OutboxMessages.SingleAsync();
            id = row.Id;
            row.LockedUntil = _database.Clock.GetUtcNow() + _database.Options.LockDuration;
            row.Attempts = 1;
            await db.SaveChangesAsync();
        }

        var broker = new RecordingPublisher();
        await using var restarted = _database.StartProcess(broker);
        var dispatcher = restarted.Dispatcher();

        Assert.Equal(0, await dispatcher.DispatchBatchAsync(default));
        Assert.Empty(broker.Acknowledged);

        _database.Clock.Advance(_database.Options.LockDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(default));
        Assert.Equal(id, Assert.Single(broker.Acknowledged).MessageId);
    }

    [Fact]
    public async Task Broker_outage_is_retried_with_back_off_until_acknowledged()
    {
        var pending = OutboxTestDatabase.NewEvent();
        await SaveEventsAsync(pending);
        var broker = new RecordingPublisher(failFirst: 3);
        await using var process = _database.StartProcess(broker);
        var dispatcher = process.Dispatcher();

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(0, await dispatcher.DispatchBatchAsync(default));
            await using var db = _database.NewContext();
            var row = await db.OutboxMessages.SingleAsync();
            Assert.Null(row.PublishedAt);
            Assert.Equal(attempt, row.Attempts);
            Assert.Contains("broker unreachable", row.LastError);
            delays.Add(row.NextAttemptAt - _database.Clock.GetUtcNow());

            // Not due yet: nothing is tried.
            Assert.Equal(0, await dispatcher.DispatchBatchAsync(default));
            Assert.Equal(attempt, broker.Calls);
            _database.Clock.Advance(row.NextAttemptAt - _database.Clock.GetUtcNow());
        }
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);

        Assert.Equal(1, await dispatcher.DispatchBatchAsync(default));
        Assert.Equal(pending, Assert.Single(broker.Acknowledged).Message);
        await using var final = _database.NewContext();
        var published = await final.OutboxMessages.SingleAsync();
        Assert.NotNull(published.PublishedAt);
        Assert.Null(published.LastError);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_publish_each_row_once()
    {
        await SaveEventsAsync(Enumerable.Range(0, 40).Select(i => OutboxTestDatabase.NewEvent($"task {i}")).ToArray());
        var broker = new RecordingPublisher(delay: TimeSpan.FromMilliseconds(2));
        await using var replicaA = _database.StartProcess(broker);
        await using var replicaB = _database.StartProcess(broker);

        var counts = await Task.WhenAll(
            Task.Run(() => replicaA.Dispatcher().DispatchBatchAsync(default)),
            Task.Run(() => replicaB.Dispatcher().DispatchBatchAsync(default)));

        Assert.Equal(40, counts.Sum());
        Assert.Equal(40, broker.Acknowledged.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(40, broker.Acknowledged.Count);
    }

    [Fact]
    public void Idle_pause_doubles_from_the_poll_up_to_the_idle_interval()
    {
        var options = new OutboxOptions { PollInterval = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromSeconds(16) };
        Assert.Equal(
            [2, 4, 8, 16, 16],
            new[] { 0, 1, 2, 3, 50 }.Select(rounds => options.IdlePause(rounds).TotalSeconds).ToArray());
        // An idle interval not above the poll leaves the poll as it is.
        Assert.Equal(TimeSpan.FromSeconds(2), new OutboxOptions { IdlePollInterval = TimeSpan.FromSeconds(1) }.IdlePause(5));
    }

    [Fact]
    public async Task A_dispatcher_idle_long_enough_to_pause_for_seconds_still_publishes_a_commit_at_once()
    {
        _database.Options.PollInterval = TimeSpan.FromSeconds(1);
        _database.Options.IdlePollInterval = TimeSpan.FromHours(1);
        var broker = new RecordingPublisher();
        await using var process = _database.StartProcess(broker);
        var dispatcher = process.Dispatcher();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // Idle rounds at 0, 1, 3 and 7 s: the pause after the last is 8 s, the next poll at 15 s at the earliest.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            await using (var db = _database.NewContext(new OutboxSignalInterceptor<TestDbContext>(process.GetRequiredService<OutboxSignal<TestDbContext>>())))
            {
                db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
                await db.SaveChangesAsync();
            }
            while (broker.Acknowledged.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            Assert.Single(broker.Acknowledged);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(6), $"published after {waited.Elapsed}, not at the commit");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Retry_delay_doubles_up_to_the_maximum()
    {
        var options = new OutboxOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal(TimeSpan.FromSeconds(1), options.NextDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(8), options.NextDelay(4));
        Assert.Equal(TimeSpan.FromMinutes(5), options.NextDelay(12));
        Assert.Equal(TimeSpan.FromMinutes(5), options.NextDelay(int.MaxValue));
    }

    [Fact]
    public async Task Published_rows_are_deleted_after_the_retention_period_and_unpublished_rows_never()
    {
        await SaveEventsAsync(OutboxTestDatabase.NewEvent("sent long ago"));
        var broker = new RecordingPublisher();
        await using var process = _database.StartProcess(broker);
        var dispatcher = process.Dispatcher();
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(default));

        // A second event the broker refuses stays unpublished however old it gets.
        await SaveEventsAsync(OutboxTestDatabase.NewEvent("never acknowledged"));
        await using var brokerDown = _database.StartProcess(new RecordingPublisher(failFirst: int.MaxValue));
        Assert.Equal(0, await brokerDown.Dispatcher().DispatchBatchAsync(default));

        _database.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await dispatcher.PurgePublishedAsync(default));

        _database.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await dispatcher.PurgePublishedAsync(default));
        await using var db = _database.NewContext();
        var left = Assert.Single(await db.OutboxMessages.ToListAsync());
        Assert.Null(left.PublishedAt);
        Assert.Contains("never acknowledged", left.Payload);
    }

    private Task SaveEventsAsync(params TaskAssigned[] events) => _database.SaveEventsAsync(events);

    public void Dispose() => _database.Dispose();
}
