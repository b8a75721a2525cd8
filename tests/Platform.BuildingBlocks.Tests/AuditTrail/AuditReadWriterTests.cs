using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Persistence;
using Xunit;

namespace Platform.BuildingBlocks.Tests.AuditTrail;

public sealed class AuditReadWriterTests : IDisposable
{
    private const string Service = "widget";
    private readonly OutboxTestDatabase _database = new();
    private readonly string _emptyFile = Path.Combine(Path.GetTempPath(), $"audit-reads-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Entries_of_concurrent_reads_are_all_committed_together()
    {
        var commits = new Commits();
        await using var services = Services(_database.NewContext().Database.GetConnectionString()!, commits);
        var writer = new AuditReadWriter(services.GetRequiredService<IServiceScopeFactory>(), Service);
        const int reads = 64;

        await Task.WhenAll(Enumerable.Range(0, reads).Select(i => writer.WriteAsync(Entry(i), CancellationToken.None)));

        await using var db = _database.NewContext();
        Assert.Equal(reads, await db.AuditEntries.CountAsync(e => e.Service == Service && e.Operation == "read"));
        // One commit per read was the cost this removes; how the reads fall into batches depends on timing.
        Assert.True(commits.Count < reads / 2, $"{commits.Count} commits for {reads} reads");
    }

    [Fact]
    public async Task Reads_whose_entries_cannot_be_committed_fail()
    {
        // A store without the audit table: the batch's save fails, and no caller may get its data.
        await using var services = Services($"Data Source={_emptyFile}", new Commits());
        var writer = new AuditReadWriter(services.GetRequiredService<IServiceScopeFactory>(), Service);

        var reads = Enumerable.Range(0, 8).Select(i => writer.WriteAsync(Entry(i), CancellationToken.None)).ToList();

        foreach (var read in reads)
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => read);
        }
    }

    private static ServiceProvider Services(string connectionString, Commits commits)
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(commits));
        services.AddKeyedScoped<PlatformDbContext>(AuditReadInterceptor.StoreKey(Service), (sp, _) => sp.GetRequiredService<TestDbContext>());
        return services.BuildServiceProvider();
    }

    private static AuditEntry Entry(int i) => new()
    {
        RecordedAt = AuditEntry.Truncate(DateTimeOffset.UtcNow),
        NodeId = "nantong",
        Service = Service,
        UserId = $"liaison-{i}",
        Action = "/platform.widget.v1.WidgetService/ListWidgets",
        Operation = "read",
        EntityType = "widget",
        EntityId = string.Empty,
        Detail = "{}",
    };

    private sealed class Commits : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _count);
    }

    public void Dispose()
    {
        _database.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_emptyFile}"))
        {
            SqliteConnection.ClearPool(connection);
        }
        File.Delete(_emptyFile);
    }
}
