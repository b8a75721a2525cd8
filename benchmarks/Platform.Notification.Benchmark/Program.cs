using System.Text;
using Platform.Notification.Benchmark;

Console.OutputEncoding = Encoding.UTF8;
var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
var failed = false;
if (options.FanOut)
{
    failed |= !await new FanOutBenchmark(options, Console.Out).RunAsync();
}
if (options.Reminders)
{
    failed |= !await new ReminderEvaluationBenchmark(options, Console.Out).RunAsync();
}
return failed ? 1 : 0;
