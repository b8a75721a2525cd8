using Platform.Benchmarks.Kit;

namespace Platform.Benchmarks.Tests;

/// <summary>The shared kit of the benchmark programs: their latencies and the figures they hand to the harness.</summary>
public sealed class KitTests
{
    [Fact]
    public void Latencies_from_many_callers_give_the_histograms_percentiles_in_milliseconds()
    {
        var latencies = new Latencies();
        Parallel.For(1, 101, ms => latencies.Record(TimeSpan.FromMilliseconds(ms)));

        Assert.Equal(100, latencies.Count);
        // Three significant digits: 50 ms and 99 ms are exact to within a tenth of a percent.
        Assert.InRange(latencies.Percentile(50), 49.9, 50.1);
        Assert.InRange(latencies.Percentile(99), 98.9, 99.1);
        Assert.InRange(latencies.Max, 99.9, 100.1);
        Assert.Equal("<10 ms: 9, 10-50 ms: 40, >=50 ms: 51", latencies.Bands(10, 50));
    }

    [Fact]
    public void A_programs_figures_reach_the_file_the_harness_names_and_are_read_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"figures-{Guid.NewGuid():N}.json");
        var figures = new Figures();
        figures.Row("reports per second", "81");
        figures.Value("reports_per_second", 81.4567, "reports/s");
        figures.Value("not_measured", double.NaN, "ms");
        var printed = new StringWriter();
        Environment.SetEnvironmentVariable(Figures.FileVariable, path);
        try
        {
            figures.Print(printed);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Figures.FileVariable, null);
        }

        Assert.Contains("| reports per second | 81 |", printed.ToString());
        var read = Figures.Read(path);
        File.Delete(path);
        var only = Assert.Single(read);
        Assert.Equal(new Measurement("reports_per_second", 81.457, "reports/s"), only);
    }
}
