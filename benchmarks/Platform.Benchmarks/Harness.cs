using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Platform.Benchmarks.Reporting;
using Platform.Benchmarks.Scenarios;

namespace Platform.Benchmarks;

/// <summary>Runs the chosen scenarios one after another and writes docs/benchmarks.md and docs/benchmarks.json.</summary>
public static class Harness
{
    public static async Task<int> RunAsync(HarnessOptions options, TextWriter log)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        Directory.CreateDirectory(options.WorkDirectory);
        var context = new ScenarioContext(options, log);
        var failures = new List<string>();
        log.WriteLine($"benchmarks ({options.Mode}): {string.Join(", ", options.Scenarios)}; node {options.NodeDll}; work folder {options.WorkDirectory}");

        async Task Run(string name, Func<Task> scenario)
        {
            if (!options.Scenarios.Contains(name))
            {
                return;
            }
            try
            {
                await scenario();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One scenario's failure is reported and the rest still run: the files say what was not measured and why.
                log.WriteLine($"[{name}] FAILED: {ex.GetType().Name}: {ex.Message}");
                failures.Add($"{name}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
        }

        await Run("reads", () => ReadsScenario.RunAsync(context));
        await Run("deadline-day", async () =>
        {
            await using var node = await Load.EmbeddedNode.StartAsync(options.NodeDll, context.NewFolder("deadline-day"));
            await DeadlineDayScenario.RunAsync(context, options, node, string.Empty, "embedded node, SQLite");
        });
        await Run("startup", () => StartupScenario.RunAsync(context));
        if (options.Distributed)
        {
            await Run("gateway", async () =>
            {
                await using var stack = await Scenarios.DistributedStack.UpUnlessRunningAsync(options.Repository, log);
                await GatewayScenario.RunAsync(context);
            });
        }
        await Run("services", () => ServicesScenario.RunAsync(context));
        await Run("micro", () => MicroBenchmarks.RunAsync(context));

        var figures = context.Figures
            .Concat(Targets.Missing(context.Figures, name => Why(name, options, failures)))
            .ToList();
        var notes = new List<string>
        {
            "**Loaded machine:** these figures come from a machine shared with other builds and test runs; read them as sizes, not precise values. The integrator reruns the command on a quiet machine.",
        };
        notes.AddRange(failures.Select(f => $"**Scenario failed:** {f}"));
        var run = new RunInfo(started, watch.Elapsed, Machine(), Describe(options), options.DataSet,
            $"load average {loadBefore} at the start, {LoadAverage()} at the end (1, 5, 15 min)", notes);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "benchmarks.json"), JsonReport.Write(figures));
        var markdown = Path.Combine(options.OutputDirectory, "benchmarks.md");
        var document = File.Exists(markdown) ? await File.ReadAllTextAsync(markdown) : "# Benchmarks\n";
        await File.WriteAllTextAsync(markdown, MarkdownReport.Merge(document, MarkdownReport.Generate(run, figures, context.Sections)));
        log.WriteLine($"wrote {markdown} and benchmarks.json ({figures.Count} figures, {figures.Count(f => f.Met == false)} targets not met) in {watch.Elapsed.TotalMinutes:F1} min");
        return failures.Count == 0 ? 0 : 1;
    }

    private static string Why(string name, HarnessOptions options, List<string> failures) => name switch
    {
        "gateway_ratio" or "gateway_p99_ratio" when !options.Distributed => "needs --distributed",
        _ when failures.Count > 0 => "its scenario failed or was not run",
        _ => "its scenario was not run",
    };

    private static string Describe(HarnessOptions o) =>
        $"{o.Mode} mode{(o.Distributed ? ", with the distributed stack" : ", embedded node only")}; scenarios {string.Join(", ", HarnessOptions.AllScenarios.Where(o.Scenarios.Contains).Where(s => s != "gateway" || o.Distributed))}";

    public static string Machine()
    {
        var cpu = ReadLine("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadLine("/proc/meminfo", "MemTotal:") is { } line
            ? (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " GiB"
            : "unknown";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} of memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ReadLine(string file, string prefix) =>
        File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
}
