using System.Text;
using Platform.Rectification.Benchmark;

Console.OutputEncoding = Encoding.UTF8;
var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
return await new RectificationBenchmark(options, Console.Out).RunAsync();
