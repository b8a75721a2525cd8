using Platform.Benchmarks.Reporting;

namespace Platform.Benchmarks.Tests;

public sealed class ReportTests
{
    [Theory]
    [InlineData("reports_per_second", 2000, true)]
    [InlineData("reports_per_second", 1999.9, false)]
    [InlineData("reports_p99_ms", 49.9, true)]
    [InlineData("reports_p99_ms", 50, false)]
    [InlineData("reports_lost", 0, true)]
    [InlineData("reports_lost", 1, false)]
    [InlineData("echo_ratio", 0.4, true)]
    [InlineData("echo_ratio", 0.39, false)]
    [InlineData("gateway_ratio", 0.85, true)]
    [InlineData("gateway_p99_ratio", 1.3, true)]
    [InlineData("gateway_p99_ratio", 1.31, false)]
    [InlineData("startup_seconds", 3, true)]
    [InlineData("startup_seconds", 3.01, false)]
    [InlineData("rss_mb", 399, true)]
    [InlineData("rss_mb", 400, false)]
    public void Each_target_of_issue_18_decides_met(string name, double value, bool met)
    {
        Assert.Equal(met, Targets.Measured(name, value).Met);
    }

    [Fact]
    public void Every_required_name_has_a_target()
    {
        Assert.All(Targets.Required, name => Assert.NotNull(Targets.For(name)));
    }

    [Fact]
    public void A_figure_with_a_target_and_no_value_is_not_met_and_one_without_a_target_has_no_verdict()
    {
        Assert.False(Targets.Measured("rss_mb", null).Met);
        Assert.Null(Targets.Informational("echo_calls_per_second", 1234, "calls/s").Met);
        Assert.Throws<ArgumentException>(() => Targets.Measured("echo_calls_per_second", 1));
    }

    [Fact]
    public void Missing_names_every_required_figure_the_run_did_not_measure()
    {
        var measured = new[] { Targets.Measured("rss_mb", 300), Targets.Measured("echo_ratio", 0.5) };

        var missing = Targets.Missing(measured, name => "not run: " + name).ToList();

        Assert.Equal(Targets.Required.Except(["rss_mb", "echo_ratio"]).Order(), missing.Select(f => f.Name).Order());
        Assert.All(missing, f => Assert.Null(f.Value));
        Assert.All(missing, f => Assert.Equal("not run: " + f.Name, f.Note));
    }

    [Fact]
    public void The_json_is_a_list_of_name_value_unit_target_met()
    {
        var json = JsonReport.Write([
            Targets.Measured("reports_per_second", 2500.123456),
            Targets.Measured("reports_p99_ms", 75),
            Targets.Measured("gateway_ratio", null, "needs --distributed"),
            Targets.Informational("echo_calls_per_second", 9000, "calls/s"),
        ]);

        var items = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, item => Assert.Equal(["name", "value", "unit", "target", "met"], item.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("reports_per_second", items[0].GetProperty("name").GetString());
        Assert.Equal(2500.1235, items[0].GetProperty("value").GetDouble());
        Assert.Equal("reports/s", items[0].GetProperty("unit").GetString());
        Assert.Equal(">= 2000", items[0].GetProperty("target").GetString());
        Assert.True(items[0].GetProperty("met").GetBoolean());
        Assert.Equal("< 50", items[1].GetProperty("target").GetString());
        Assert.False(items[1].GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("value").ValueKind);
        Assert.False(items[2].GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items[3].GetProperty("target").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[3].GetProperty("met").ValueKind);
    }

    [Fact]
    public void Merge_replaces_only_the_generated_part_and_keeps_the_hand_written_sections()
    {
        var document = "# Benchmarks\n\n" + MarkdownReport.StartMarker + "\nold figures\n" + MarkdownReport.EndMarker + "\n\n## Planning\n\nhand-written analysis\n";

        var merged = MarkdownReport.Merge(document, "new figures\n");

        Assert.Equal("# Benchmarks\n\n" + MarkdownReport.StartMarker + "\nnew figures\n" + MarkdownReport.EndMarker + "\n\n## Planning\n\nhand-written analysis\n", merged);
    }

    [Fact]
    public void Merge_puts_the_generated_part_under_the_title_of_a_document_without_one()
    {
        var merged = MarkdownReport.Merge("# Benchmarks\n\n## Planning\n\nanalysis\n", "figures\n");

        Assert.StartsWith("# Benchmarks\n\n" + MarkdownReport.StartMarker + "\nfigures\n" + MarkdownReport.EndMarker, merged);
        Assert.EndsWith("## Planning\n\nanalysis\n", merged);
    }

    [Fact]
    public void Merge_refuses_a_document_with_only_one_marker()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MarkdownReport.Merge("# Benchmarks\n" + MarkdownReport.EndMarker + "\n", "figures"));
        Assert.Contains("markers", error.Message);
    }

    [Fact]
    public void The_generated_part_shows_each_figure_with_its_target_and_verdict()
    {
        var run = new RunInfo(DateTimeOffset.Parse("2026-12-01T06:00:00Z"), TimeSpan.FromMinutes(3), "2 cores", "quick mode", "20 units", "load 1", ["a note"]);

        var text = MarkdownReport.Generate(run, [Targets.Measured("reports_p99_ms", 75), Targets.Measured("rss_mb", 300)], [new Section("Deadline day", ["line"])]);

        Assert.Contains("| `reports_p99_ms` | 75.0 | ms | < 50 | **not met** |", text);
        Assert.Contains("| `rss_mb` | 300 | MB | < 400 | met |", text);
        Assert.Contains("- **Data set:** 20 units", text);
        Assert.Contains("### Deadline day", text);
    }

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--scenarios", "reads,nonsense")]
    [InlineData("--bogus", "1")]
    public void Bad_options_are_refused_naming_the_option(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => HarnessOptions.Parse([option, value, "--repo", RepositoryRoot()]));
        Assert.Contains(option, error.Message);
    }

    internal static string RepositoryRoot() =>
        HarnessOptions.FindRepository(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no Platform.sln above the test's folder");
}

public sealed class MicroBenchmarkTableTests
{
    [Fact]
    public void Means_are_read_from_the_github_table_in_microseconds()
    {
        string[] table =
        [
            "| Method | Mean | Error |",
            "|------- |-----:|------:|",
            "| &#39;calendar: add 10 working days&#39; | 2.263 us | 6.284 us |",
            "| 'rule engine' | 1,009.656 us | 18,216.738 us |",
            "| ParseNotice | 124.8 ns | 325.0 ns |",
            "| Broken | NA | NA |",
        ];

        var means = MicroBenchmarks.Means(table).ToList();

        Assert.Equal([("calendar: add 10 working days", 2.263), ("rule engine", 1009.656), ("ParseNotice", 0.1248)],
            means.Select(m => (m.Method, Math.Round(m.Micros, 4))));
    }
}
