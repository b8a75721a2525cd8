using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;

// dotnet run -c Release --project benchmarks/Platform.Audit.Benchmark [-- writes-per-round [rounds]]
// One write = one new row committed by SaveChanges on a SQLite file in WAL mode, as the embedded
// node writes. Rounds alternate between a store without and one with the audit interceptor, so
// disk and CPU noise falls on both alike.
var writes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
var directory = Path.Combine(Path.GetTempPath(), "platform-audit-benchmark-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
try
{
    // A fixed entry key, as a distributed node configures Audit:EntryKey: the MAC is part of what each write costs.
    var entryKeySettings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:EntryKey"] = Convert.ToBase64String(new byte[32]) })
        .Build();
    var entryKey = new AuditEntryKey(entryKeySettings, new ServiceCollection().BuildServiceProvider());
    var interceptor = new AuditWriteInterceptor(new AuditRecorder(new HttpContextAccessor(), TimeProvider.System, Options.Create(new NodeOptions()), entryKey), "bench");
    // On disk, as the node writes (each commit waits for the disk), and in memory, which leaves
    // only the CPU work the interceptor and the extra insert add.
    using var keepPlain = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=file:plain?mode=memory&cache=shared");
    using var keepAudited = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=file:audited?mode=memory&cache=shared");
    keepPlain.Open();
    keepAudited.Open();
    await CompareAsync("on disk (SQLite WAL)", Store($"Data Source={Path.Combine(directory, "plain.db")}", null), Store($"Data Source={Path.Combine(directory, "benchdb.db")}", interceptor));
    await CompareAsync("in memory", Store(keepPlain.ConnectionString, null), Store(keepAudited.ConnectionString, interceptor));

    async Task CompareAsync(string what, DbContextOptions<BenchDb> plain, DbContextOptions<BenchDb> audited)
    {
        foreach (var options in new[] { plain, audited })
        {
            await using var db = new BenchDb(options);
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await WriteAsync(options, 100);
        }
        var plainTimes = new List<double>();
        var auditedTimes = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            plainTimes.AddRange(await WriteAsync(plain, writes));
            auditedTimes.AddRange(await WriteAsync(audited, writes));
        }
        Console.WriteLine($"{what}: {rounds} x {writes} writes each, microseconds per write (median / p90 / mean):");
        Console.WriteLine($"  without audit  {Describe(plainTimes)}");
        Console.WriteLine($"  with audit     {Describe(auditedTimes)}");
        Console.WriteLine($"  difference of medians: {Median(auditedTimes) - Median(plainTimes):F0} µs");
    }

    // The sealer and the verifier over the in-memory store: their own work, without the disk.
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration["Database:DataDirectory"] = directory;
    builder.Configuration["ConnectionStrings:benchdb"] = keepAudited.ConnectionString;
    builder.Configuration["Audit:Stores:0"] = "bench";
    builder.AddPlatformAuditTrail();
    using var host = builder.Build();
    var sealer = host.Services.GetRequiredService<AuditSealer>();
    await sealer.SealAllAsync(CancellationToken.None);
    await WriteAsync(Store(keepAudited.ConnectionString, interceptor), writes * rounds * 5);
    var clock = Stopwatch.StartNew();
    var chained = await sealer.SealAllAsync(CancellationToken.None);
    Console.WriteLine($"sealer: {chained} entries chained in {clock.ElapsedMilliseconds} ms ({chained / clock.Elapsed.TotalSeconds:F0} entries/s)");
    clock.Restart();
    var verified = await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync("bench", CancellationToken.None);
    Console.WriteLine($"verifier: {verified.EntriesChecked} entries checked in {clock.ElapsedMilliseconds} ms ({verified.EntriesChecked / clock.Elapsed.TotalSeconds:F0} entries/s), intact: {verified.Intact}");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static DbContextOptions<BenchDb> Store(string connectionString, AuditWriteInterceptor? interceptor)
{
    var builder = new DbContextOptionsBuilder<BenchDb>().UseSqlite(connectionString);
    if (interceptor is not null)
    {
        builder.AddInterceptors(interceptor);
    }
    return builder.Options;
}

static async Task<List<double>> WriteAsync(DbContextOptions<BenchDb> options, int count)
{
    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = new BenchDb(options);
        db.Reports.Add(new Report { Id = Guid.CreateVersion7(), Title = "第三季度整改进展报告", Progress = i % 100 });
        await db.SaveChangesAsync();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }
    return times;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Describe(List<double> values)
{
    var sorted = values.Order().ToList();
    return $"{sorted[sorted.Count / 2],7:F0} / {sorted[(int)(sorted.Count * 0.9)],7:F0} / {values.Average(),7:F0}";
}

/// <summary>A report row, the shape of a typical small write.</summary>
internal sealed class Report
{
    public Guid Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public int Progress { get; set; }
}

/// <summary>A store with the platform's tables (outbox, inbox, audit) and one business table.</summary>
internal sealed class BenchDb(DbContextOptions<BenchDb> options) : PlatformDbContext(options)
{
    public DbSet<Report> Reports => Set<Report>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Report>().ToTable("reports");
    }
}
