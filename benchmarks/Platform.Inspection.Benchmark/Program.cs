using System.Text;
using Platform.Inspection.Benchmark;

Console.OutputEncoding = Encoding.UTF8;
var options = InspectionBenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
return await new InspectionBenchmark(options, Console.Out).RunAsync();
