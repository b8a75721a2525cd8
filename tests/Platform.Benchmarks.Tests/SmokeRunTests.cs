using Platform.Benchmarks.Reporting;

namespace Platform.Benchmarks.Tests;

/// <summary>The harness's smallest configuration end to end against the embedded node built with the tests.</summary>
public sealed class SmokeRunTests
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_smallest_run_writes_both_files_with_every_required_name()
    {
        var root = ReportTests.RepositoryRoot();
        // bin/<Configuration>/net10.0: the node built in the same configuration as this test.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var output = Directory.CreateTempSubdirectory("benchmarks-out-").FullName;
        var work = Directory.CreateTempSubdirectory("benchmarks-work-").FullName;
        await File.WriteAllTextAsync(Path.Combine(output, "benchmarks.md"), "# Benchmarks\n\n## Planning\n\nhand-written analysis\n");
        try
        {
            var options = HarnessOptions.Parse([
                "--smoke", "--repo", root, "--out", output, "--work", work,
                "--node-dll", Path.Combine(root, "services/Platform.AllInOne/bin", configuration, "net10.0/Platform.AllInOne.dll"),
            ]);
            using var text = new StringWriter();
            var log = TextWriter.Synchronized(text);

            // Four starts of the node and three small scenarios: about a minute on a quiet 2-core machine, several
            // beside the other test assemblies. The bound is for a hang; the log says which step it was in.
            var run = Harness.RunAsync(options, log);
            if (await Task.WhenAny(run, Task.Delay(RunBound)) != run)
            {
                Assert.Fail($"the smoke run did not finish within {RunBound.TotalMinutes} min; its log so far:\n{text}");
            }
            var exit = await run;

            Assert.True(exit == 0, text.ToString());
            var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "benchmarks.json"))).RootElement;
            var figures = json.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
            Assert.All(Targets.Required, name => Assert.True(figures.ContainsKey(name), $"benchmarks.json lacks {name}"));
            // Everything but the gateway (needs --distributed) was measured on the embedded node.
            foreach (var name in Targets.Required.Where(n => !n.StartsWith("gateway", StringComparison.Ordinal)))
            {
                Assert.Equal(JsonValueKind.Number, figures[name].GetProperty("value").ValueKind);
            }
            Assert.Equal(0, figures["reports_lost"].GetProperty("value").GetDouble());
            Assert.True(figures["reports_per_second"].GetProperty("value").GetDouble() > 0);
            var markdown = await File.ReadAllTextAsync(Path.Combine(output, "benchmarks.md"));
            Assert.All(Targets.Required, name => Assert.Contains($"| `{name}` |", markdown));
            Assert.Contains(MarkdownReport.StartMarker, markdown);
            Assert.EndsWith("## Planning\n\nhand-written analysis\n", markdown);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }
}
