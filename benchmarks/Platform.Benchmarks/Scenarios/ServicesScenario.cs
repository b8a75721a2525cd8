using System.Diagnostics;
using Platform.Benchmarks.Kit;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The per-service benchmark programs (planning, inspection, rectification, notification,
/// assessment, audit, federation) as scenarios of the harness: each built with it, run by its dll
/// against a fresh embedded node the harness starts, sized by the run's mode. Their own tables go
/// into the report; the numbers each writes through the kit's <see cref="Figures"/> become figures
/// named `<service>_<figure>` in docs/benchmarks.json.
/// </summary>
public static class ServicesScenario
{
    private sealed record Program(string Name, string Project, bool NeedsNode, Func<HarnessOptions, string, EmbeddedNode?, string[]> Arguments,
        IReadOnlyDictionary<string, string>? NodeSettings = null);

    private static readonly Program[] Programs =
    [
        new("Planning", "Platform.Planning.Benchmark", true, (o, _, n) => [.. Node(n!), .. o.Mode == "full"
            ? new[] { "--units", "2000", "--tasks", "40", "--reports", "20000" }
            : ["--units", "50", "--tasks", "10", "--reports", "500", "--statistics-calls", "100"]]),
        new("Inspection", "Platform.Inspection.Benchmark", true, (o, _, n) => [.. Node(n!), .. o.Mode == "full"
            ? Array.Empty<string>()
            : ["--batches", "5", "--findings", "1000", "--units", "5", "--queries", "60"]]),
        new("Rectification", "Platform.Rectification.Benchmark", true, (o, folder, n) => [.. Node(n!), "--data", Path.Combine(folder, "data"), .. o.Mode == "full"
            ? Array.Empty<string>()
            : ["--items", "2000", "--units", "50", "--ledger-calls", "100"]],
            new Dictionary<string, string> { ["Rectification:Evaluator:Enabled"] = "false" }),
        new("Notification", "Platform.Notification.Benchmark", true, (o, folder, n) => [.. Node(n!), "--database", Path.Combine(folder, "reminders.db"), .. o.Mode == "full"
            ? Array.Empty<string>()
            : ["--recipients", "500", "--deadlines", "50000"]]),
        new("Assessment", "Platform.Assessment.Benchmark", true, (o, folder, n) => [.. Node(n!), "--data", Path.Combine(folder, "data"), .. o.Mode == "full"
            ? Array.Empty<string>()
            : ["--reporters", "300", "--dashboard-calls", "30", "--ranking-calls", "5", "--facts-per-unit", "5"]]),
        new("Audit", "Platform.Audit.Benchmark", false, (o, _, _) => o.Mode == "full" ? new[] { "500", "4" } : ["50", "2"]),
        new("Federation", "Platform.Federation.Benchmark", false, (o, _, _) => o.Mode == "full"
            ? Array.Empty<string>()
            : ["--cities", "1", "--counties", "2", "--tasks", "5", "--week-days", "1", "--changes-per-day", "1"]),
    ];

    private static string[] Node(EmbeddedNode node) => ["--http", node.Http.ToString(), "--grpc", node.Grpc.ToString()];

    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        // The harness's own build configuration (Release from the command, the tests' otherwise).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var lines = new List<string>
        {
            $"Each program as documented in its own section below, sized for the {o.Mode} mode, against a fresh embedded node (Release, SQLite, in-memory bus) on this machine.",
        };
        foreach (var program in Programs)
        {
            var dll = Path.Combine(o.Repository, "benchmarks", program.Project, "bin", configuration, "net10.0", program.Project + ".dll");
            var folder = context.NewFolder(program.Name.ToLowerInvariant());
            context.Log.WriteLine($"[services] {program.Name}");
            var watch = Stopwatch.StartNew();
            int exit;
            EmbeddedNode? node = null;
            try
            {
                node = program.NeedsNode ? await EmbeddedNode.StartAsync(o.NodeDll, folder, program.NodeSettings) : null;
                var arguments = program.Arguments(o, folder, node);
                var environment = new Dictionary<string, string> { [Figures.FileVariable] = Path.Combine(folder, "figures.json") };
                await using var run = ChildProcess.Start(dll, arguments, environment, Path.Combine(folder, "output.log"));
                exit = await run.WaitAsync(o.Mode == "full" ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(3));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or FileNotFoundException)
            {
                context.Log.WriteLine($"  failed: {ex.Message}");
                lines.AddRange(["", $"#### {program.Name}", "", $"Not measured: {ex.Message}"]);
                context.Add(Targets.Informational($"{program.Name.ToLowerInvariant()}_benchmark_exit_code", null, "exit code", ex.GetType().Name));
                continue;
            }
            finally
            {
                if (node is not null)
                {
                    await node.DisposeAsync();
                }
            }
            var output = File.ReadAllLines(Path.Combine(folder, "output.log"));
            context.Log.WriteLine($"  exit {exit} after {watch.Elapsed.TotalSeconds:F0} s");
            context.Add(Targets.Informational($"{program.Name.ToLowerInvariant()}_benchmark_exit_code", exit, "exit code"));
            foreach (var figure in Figures.Read(Path.Combine(folder, "figures.json")))
            {
                context.Add(Targets.Informational($"{program.Name.ToLowerInvariant()}_{figure.Name}", figure.Value, figure.Unit));
            }
            lines.AddRange(["", $"#### {program.Name} (`{program.Project}`, exit code {exit}, {watch.Elapsed.TotalSeconds:F0} s)", "", "```"]);
            lines.AddRange(Summary(output));
            lines.Add("```");
        }
        context.Section("Per-service programs", lines);
    }

    /// <summary>The program's own table when it prints one, otherwise its last lines.</summary>
    private static IEnumerable<string> Summary(string[] output)
    {
        var table = output.Where(l => l.StartsWith('|')).ToList();
        var tail = output.Where(l => l.Trim().Length > 0).TakeLast(table.Count > 0 ? 3 : 25);
        return table.Count > 0 ? table.Concat(tail.Where(l => !l.StartsWith('|'))) : tail;
    }
}
