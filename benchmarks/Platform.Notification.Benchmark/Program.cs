using System.Text;
using Platform.Benchmarks.Kit;
using Platform.Notification.Benchmark;

Console.OutputEncoding = Encoding.UTF8;
var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
var failed = false;
var figures = new Figures();
if (options.FanOut)
{
    failed |= !await new FanOutBenchmark(options, Console.Out, figures).RunAsync();
}
if (options.Reminders)
{
    failed |= !await new ReminderEvaluationBenchmark(options, Console.Out, figures).RunAsync();
}
figures.Print(Console.Out);
return failed ? 1 : 0;
