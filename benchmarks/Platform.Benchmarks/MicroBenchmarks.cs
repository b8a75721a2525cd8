using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;
using Platform.Benchmarks.Scenarios;

namespace Platform.Benchmarks;

/// <summary>
/// Runs benchmarks/Platform.MicroBenchmarks (BenchmarkDotNet) in process — no generated project to
/// build, which the quick mode could not afford — with a short job in quick mode, and puts its
/// GitHub-flavoured tables and each benchmark's mean into the report.
/// </summary>
internal static partial class MicroBenchmarks
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(o.Repository, "benchmarks/Platform.MicroBenchmarks/bin", configuration, "net10.0/Platform.MicroBenchmarks.dll");
        var folder = context.NewFolder("micro");
        var job = o.Mode == "full" ? "default" : "short";
        context.Log.WriteLine($"[micro] BenchmarkDotNet, {job} job, in process");
        int exit;
        await using (var run = ChildProcess.Start(dll, ["--filter", "*", "--job", job, "--inProcess", "--artifacts", folder], new Dictionary<string, string>(), Path.Combine(folder, "output.log")))
        {
            exit = await run.WaitAsync(o.Mode == "full" ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(3));
        }
        var reports = Directory.Exists(Path.Combine(folder, "results"))
            ? Directory.GetFiles(Path.Combine(folder, "results"), "*-report-github.md").Order(StringComparer.Ordinal).ToList()
            : [];
        if (exit != 0 || reports.Count == 0)
        {
            throw new InvalidOperationException($"BenchmarkDotNet exited with {exit} and wrote {reports.Count} reports; see {Path.Combine(folder, "output.log")}");
        }
        var lines = new List<string>
        {
            $"`benchmarks/Platform.MicroBenchmarks`, BenchmarkDotNet {job} job, in process (`--inProcess`). Means in µs; the error column is wide on a loaded machine.",
        };
        foreach (var report in reports)
        {
            var table = File.ReadAllLines(report).Where(l => l.StartsWith('|')).ToList();
            lines.AddRange(["", $"`{Path.GetFileName(report).Replace("-report-github.md", string.Empty, StringComparison.Ordinal)}`", ""]);
            lines.AddRange(table);
            foreach (var (method, micros) in Means(table))
            {
                context.Add(Targets.Informational("micro_" + Slug(method), micros, "µs"));
            }
        }
        context.Section("Hot inner paths (BenchmarkDotNet)", lines);
    }

    /// <summary>Each row's Method and Mean (converted to microseconds) from a GitHub-flavoured table.</summary>
    internal static IEnumerable<(string Method, double Micros)> Means(IReadOnlyList<string> table)
    {
        if (table.Count < 3)
        {
            yield break;
        }
        var header = Cells(table[0]);
        int method = header.IndexOf("Method"), mean = header.IndexOf("Mean");
        if (method < 0 || mean < 0)
        {
            yield break;
        }
        foreach (var row in table.Skip(2).Select(Cells))
        {
            var match = Value().Match(row[mean]);
            if (!match.Success)
            {
                continue;
            }
            var number = double.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var factor = match.Groups[2].Value switch { "ns" => 0.001, "us" or "μs" or "µs" => 1, "ms" => 1000, "s" => 1_000_000, _ => double.NaN };
            // The GitHub exporter writes a description's quotes as &#39;.
            yield return (System.Net.WebUtility.HtmlDecode(row[method]).Trim('\''), number * factor);
        }
    }

    private static List<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static string Slug(string method) => Regex.Replace(method.ToLowerInvariant(), "[^a-z0-9]+", "_").Trim('_');

    [GeneratedRegex(@"^([\d,]+(?:\.\d+)?)\s*(ns|us|μs|µs|ms|s)$")]
    private static partial Regex Value();
}
