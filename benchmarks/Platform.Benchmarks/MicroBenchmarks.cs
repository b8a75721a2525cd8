using Platform.Benchmarks.Scenarios;

namespace Platform.Benchmarks;

/// <summary>Placeholder replaced below once the BenchmarkDotNet project exists.</summary>
internal static class MicroBenchmarks
{
    public static Task RunAsync(ScenarioContext context) => Task.CompletedTask;
}
