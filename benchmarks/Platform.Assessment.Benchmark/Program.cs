using System.Text;
using Platform.Assessment.Benchmark;

Console.OutputEncoding = Encoding.UTF8;
var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
return await new AssessmentBenchmark(options, Console.Out).RunAsync();
