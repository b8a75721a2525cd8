using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Kernel.Events;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Tests;

public sealed class Widget : AggregateRoot
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>A widget made through its aggregate method, which records that it happened.</summary>
    public static Widget Make(Guid id, string name)
    {
        var widget = new Widget { Id = id, Name = name };
        widget.Record(new WidgetMade(id, name));
        return widget;
    }
}

public sealed record WidgetMade(Guid WidgetId, string Name) : IDomainEvent;

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : PlatformDbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Widget>().ToTable("widgets").HasKey(w => w.Id);
    }

    // Any contract event will do: the test reads back the stamp the store put on it.
    protected override void MapDomainEvents(DomainEventMap map) => map.On<WidgetMade>((e, stamp) => new TaskAssigned(
        e.WidgetId, e.WidgetId, "2026年工作要点", e.WidgetId, 1, e.Name, new DateOnly(2026, 12, 31), e.WidgetId, "南通市司法局",
        stamp.UserId, stamp.At, stamp.NodeId));
}

/// <summary>
/// A SQLite file shared by every "process" of a test: each call to <see cref="StartProcess"/>
/// builds a fresh service provider on the same file, which is how a restart looks to the outbox.
/// </summary>
public sealed class OutboxTestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"outbox-test-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public OutboxOptions Options { get; } = new()
    {
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(30),
        LockDuration = TimeSpan.FromSeconds(60),
        PublishTimeout = TimeSpan.FromSeconds(5),
    };

    public OutboxTestDatabase()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    /// <summary>The request whose caller stamps the events a save carries; none means a background worker.</summary>
    public HttpContextAccessor Http { get; } = new();

    /// <param name="interceptors">Besides the domain-event interceptor (a process's outbox signal interceptor).</param>
    public TestDbContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(new DomainEventInterceptor(new EventStamper(Http, Clock, Microsoft.Extensions.Options.Options.Create(new NodeOptions { Id = "nantong" }))))
            .AddInterceptors(interceptors)
            .Options);

    public ServiceProvider StartProcess(IOutboxPublisher publisher)
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite($"Data Source={_path}"));
        services.AddSingleton(publisher);
        services.AddSingleton<OutboxSignal<TestDbContext>>();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<OutboxDispatcher<TestDbContext>>();
        return services.BuildServiceProvider();
    }

    /// <summary>Commits the events to the outbox, as a use case's SaveChanges would.</summary>
    public async Task SaveEventsAsync(params TaskAssigned[] events)
    {
        await using var db = NewContext();
        foreach (var integrationEvent in events)
        {
            db.AddIntegrationEvent(integrationEvent);
        }
        await db.SaveChangesAsync();
    }

    public static TaskAssigned NewEvent(string task = "健全重大行政决策程序制度") => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年工作要点", Guid.CreateVersion7(), 1, task,
        new DateOnly(2026, 12, 31), Guid.CreateVersion7(), "南通市司法局", "clerk",
        new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), "test");

    public void Dispose()
    {
        // Only this file's pool: clearing every pool would close connections other tests hold.
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            SqliteConnection.ClearPool(connection);
        }
        File.Delete(_path);
    }
}

/// <summary>
/// The classes that run the outbox and inbox on a SQLite file. They share one collection so the
/// first of them does not pay, inside its own timing, for what every process pays once: building
/// the EF model, loading SQLite and compiling the dispatcher's claim, publish and purge queries.
/// On a loaded two-core machine that cold start took the retention test (the first in its class)
/// from well under a second to 6-19 s, and it varied with the order the classes happened to start
/// in; several classes building the same model at once made it worse.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OutboxDatabaseCollection : ICollectionFixture<OutboxWarmUp>
{
    public const string Name = "Outbox database";
}

/// <summary>Runs each query shape of the dispatcher once on a throwaway database.</summary>
public sealed class OutboxWarmUp : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var database = new OutboxTestDatabase();
        await using (var db = database.NewContext())
        {
            db.AddIntegrationEvent(OutboxTestDatabase.NewEvent());
            await db.SaveChangesAsync();
        }
        await using var process = database.StartProcess(new RecordingPublisher(failFirst: 1));
        var dispatcher = process.Dispatcher();
        await dispatcher.DispatchBatchAsync(default);
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchBatchAsync(default);
        await dispatcher.PurgePublishedAsync(default);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public static class OutboxProcess
{
    public static OutboxDispatcher<TestDbContext> Dispatcher(this ServiceProvider process) =>
        process.GetRequiredService<OutboxDispatcher<TestDbContext>>();
}

/// <summary>A broker stand-in: records what it acknowledged, and can refuse a number of publishes first.</summary>
public sealed class RecordingPublisher : IOutboxPublisher
{
    private int _failuresLeft;

    public RecordingPublisher(int failFirst = 0, TimeSpan? delay = null)
    {
        _failuresLeft = failFirst;
        Delay = delay ?? TimeSpan.Zero;
    }

    public TimeSpan Delay { get; }

    public int Calls;

    public System.Collections.Concurrent.ConcurrentQueue<(Guid MessageId, object Message)> Acknowledged { get; } = new();

    public async Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("broker unreachable");
        }
        Assert.IsType(messageType, message);
        Acknowledged.Enqueue((messageId, message));
    }
}
