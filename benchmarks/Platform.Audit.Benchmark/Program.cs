using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Benchmarks.Kit;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;

// dotnet run -c Release --project benchmarks/Platform.Audit.Benchmark [-- writes-per-round [rounds]]
// One write = one new row committed by SaveChanges on a SQLite file in WAL mode, as the embedded
// node writes. Rounds alternate between a store without and one with the audit interceptor, so
// disk and CPU noise falls on both alike.
var writes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
var figures = new Figures();
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
    await CompareAsync("on disk (SQLite WAL)", "disk", Store($"Data Source={Path.Combine(directory, "plain.db")}", null), Store($"Data Source={Path.Combine(directory, "benchdb.db")}", interceptor));
    await CompareAsync("in memory", "memory", Store(keepPlain.ConnectionString, null), Store(keepAudited.ConnectionString, interceptor));

    async Task CompareAsync(string what, string key, DbContextOptions<BenchDb> plain, DbContextOptions<BenchDb> audited)
    {
        foreach (var options in new[] { plain, audited })
        {
            await using var db = new BenchDb(options);
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await WriteAsync(options, 100);
        }
        var plainTimes = new Latencies();
        var auditedTimes = new Latencies();
        for (var round = 0; round < rounds; round++)
        {
            await WriteAsync(plain, writes, plainTimes);
            await WriteAsync(audited, writes, auditedTimes);
        }
        var difference = (auditedTimes.Percentile(50) - plainTimes.Percentile(50)) * 1000;
        Console.WriteLine($"{what}: {rounds} x {writes} writes each, microseconds per write (median / p90 / mean):");
        Console.WriteLine($"  without audit  {Describe(plainTimes)}");
        Console.WriteLine($"  with audit     {Describe(auditedTimes)}");
        Console.WriteLine($"  difference of medians: {difference:F0} µs");
        figures.Row($"one write {what}, median without / with audit", FormattableString.Invariant($"{plainTimes.Percentile(50) * 1000:F0} / {auditedTimes.Percentile(50) * 1000:F0} µs"));
        figures.Value($"write_{key}_median_us", plainTimes.Percentile(50) * 1000, "µs");
        figures.Value($"audited_write_{key}_median_us", auditedTimes.Percentile(50) * 1000, "µs");
    }

    // The sealer and the verifier over the in-memory store: their own work, without the disk.
    var builder = Host.CreateApplicationBuilder();
    // The sealer checks each entry's MAC with the node's entry key: the same key the writes above used. Without
    // it the embedded node's sealer derives one from its checkpoint key, finds no entry's MAC fitting and refuses
    // the store (the program reported 0 entries/s and "intact: False" while that went unnoticed).
    builder.Configuration.AddConfiguration(entryKeySettings);
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
    if (chained == 0 || sealer.RefusalOf("bench") is not null)
    {
        throw new InvalidOperationException($"the sealer chained {chained} entries: {sealer.RefusalOf("bench") ?? "none waited to be sealed"}");
    }
    Console.WriteLine($"sealer: {chained} entries chained in {clock.ElapsedMilliseconds} ms ({chained / clock.Elapsed.TotalSeconds:F0} entries/s)");
    figures.Row("sealer", FormattableString.Invariant($"{chained / clock.Elapsed.TotalSeconds:F0} entries/s"));
    figures.Value("sealer_entries_per_second", chained / clock.Elapsed.TotalSeconds, "entries/s");
    clock.Restart();
    var verified = await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync("bench", CancellationToken.None);
    Console.WriteLine($"verifier: {verified.EntriesChecked} entries checked in {clock.ElapsedMilliseconds} ms ({verified.EntriesChecked / clock.Elapsed.TotalSeconds:F0} entries/s), intact: {verified.Intact}");
    figures.Row("verifier", FormattableString.Invariant($"{verified.EntriesChecked / clock.Elapsed.TotalSeconds:F0} entries/s, intact: {verified.Intact}"));
    figures.Value("verifier_entries_per_second", verified.EntriesChecked / clock.Elapsed.TotalSeconds, "entries/s");
    if (!verified.Intact)
    {
        throw new InvalidOperationException("the verifier found the chain the sealer has just built broken");
    }
    figures.Print(Console.Out);
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

static async Task WriteAsync(DbContextOptions<BenchDb> options, int count, Latencies? times = null)
{
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = new BenchDb(options);
        db.Reports.Add(new Report { Id = Guid.CreateVersion7(), Title = "第三季度整改进展报告", Progress = i % 100 });
        await db.SaveChangesAsync();
        times?.Record(started);
    }
}

static string Describe(Latencies times) =>
    FormattableString.Invariant($"{times.Percentile(50) * 1000,7:F0} / {times.Percentile(90) * 1000,7:F0} / {times.Mean * 1000,7:F0}");

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
