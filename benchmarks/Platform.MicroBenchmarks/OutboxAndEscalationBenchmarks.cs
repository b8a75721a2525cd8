using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Planning;
using Platform.Rectification.Benchmark;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.MicroBenchmarks;

/// <summary>
/// The outbox dispatcher's round: claim a batch of 100 due rows, deserialise and hand each to the
/// publisher (one that only counts), mark them published — on an in-memory SQLite store, so the
/// figure is the dispatcher's own work and the database's, without a broker or a disk.
/// </summary>
[MemoryDiagnoser]
public class OutboxDispatcherBenchmarks
{
    private const int Batch = 100;
    private SqliteConnection _keep = null!;
    private ServiceProvider _services = null!;
    private OutboxDispatcher<OutboxStore> _dispatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connection = $"Data Source=file:outbox-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keep = new SqliteConnection(connection);
        _keep.Open();
        var services = new ServiceCollection();
        services.AddDbContext<OutboxStore>(db => db.UseSqlite(connection));
        services.AddSingleton<IOutboxPublisher, CountingPublisher>();
        services.AddSingleton<OutboxSignal<OutboxStore>>();
        services.AddSingleton(Options.Create(new OutboxOptions { BatchSize = Batch }));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<OutboxDispatcher<OutboxStore>>();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<OutboxStore>().Database.EnsureCreated();
        _dispatcher = _services.GetRequiredService<OutboxDispatcher<OutboxStore>>();
    }

    /// <summary>100 TaskAssigned events, as one AssignTask to 100 units leaves them.</summary>
    [IterationSetup]
    public void Enqueue()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Batch; i++)
        {
            db.AddIntegrationEvent(new TaskAssigned(
                Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 3, "推进严格规范公正文明执法",
                new DateOnly(2026, 12, 31), Guid.CreateVersion7(), $"海门区第{i}局", "clerk1", now, "bench"));
        }
        db.SaveChanges();
    }

    [Benchmark(Description = "outbox dispatcher: one round of 100 events")]
    public int DispatchRound() => _dispatcher.DispatchBatchAsync(CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _keep.Dispose();
    }

    private sealed class CountingPublisher : IOutboxPublisher
    {
        private int _published;

        public Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _published);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A store with only the platform's own tables (outbox, inbox, audit).</summary>
public sealed class OutboxStore(DbContextOptions<OutboxStore> options) : PlatformDbContext(options);

/// <summary>
/// Rectification's escalation evaluation in its steady state: a pass over 2,000 open items of 50
/// units (overdue marking and next-step proposals) once the first pass has marked and proposed what
/// was due, which is what every evaluator interval costs the node. In-memory SQLite store.
/// </summary>
[MemoryDiagnoser]
public class EscalationBenchmarks
{
    private SqliteConnection _keep = null!;
    private ServiceProvider _services = null!;
    private EscalationEvaluator _evaluator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connection = $"Data Source=file:rectification-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keep = new SqliteConnection(connection);
        _keep.Open();
        _services = RectificationBenchmark.BuildServices(connection);
        var calendar = _services.GetRequiredService<WorkingDayCalendar>();
        using (var scope = _services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<RectificationDbContext>().Database.EnsureCreated();
        }
        RectificationBenchmark.SeedItemsAsync(_services, calendar, 2000, 50).GetAwaiter().GetResult();
        _evaluator = _services.GetRequiredService<EscalationEvaluator>();
        _evaluator.EvaluateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "escalation: steady-state pass over 2,000 open items")]
    public int Evaluate()
    {
        var result = _evaluator.EvaluateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result.MarkedOverdue + result.Proposed;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _keep.Dispose();
    }
}
