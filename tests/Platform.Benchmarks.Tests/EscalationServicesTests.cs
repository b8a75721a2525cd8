using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Rectification.Benchmark;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Benchmarks.Tests;

/// <summary>
/// The rectification benchmark and the escalation micro-benchmark build the evaluator from their own service
/// collection, not the node's; when the evaluator gains a dependency the collection must gain it too, or the
/// benchmark dies after seeding (as it once did for the audit recorder and then for the calendar source).
/// </summary>
public sealed class EscalationServicesTests
{
    [Fact]
    public async Task The_benchmarks_service_collection_runs_an_escalation_pass_over_seeded_items()
    {
        var connection = $"Data Source=file:escalation-{Guid.NewGuid():N}?mode=memory&cache=shared";
        await using var keepAlive = new SqliteConnection(connection);
        await keepAlive.OpenAsync();
        await using var services = RectificationBenchmark.BuildServices(connection);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RectificationDbContext>().Database.EnsureCreatedAsync();
        }
        await RectificationBenchmark.SeedItemsAsync(services, services.GetRequiredService<WorkingDayCalendar>(), 200, 5);

        var evaluator = services.GetRequiredService<EscalationEvaluator>();
        var first = await evaluator.EvaluateAsync(CancellationToken.None);
        var second = await evaluator.EvaluateAsync(CancellationToken.None);

        // The seed puts most items' deadlines in the past: the first pass marks them, the second finds nothing new.
        Assert.True(first.MarkedOverdue > 0, $"first pass marked {first.MarkedOverdue}");
        Assert.Equal(0, second.MarkedOverdue);
    }
}
