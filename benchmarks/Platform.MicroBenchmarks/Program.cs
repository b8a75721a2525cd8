using BenchmarkDotNet.Running;

// `dotnet Platform.MicroBenchmarks.dll --filter '*' [--job short]`: BenchmarkDotNet's own command line.
BenchmarkSwitcher.FromAssembly(typeof(Platform.MicroBenchmarks.ImporterBenchmarks).Assembly).Run(args);
