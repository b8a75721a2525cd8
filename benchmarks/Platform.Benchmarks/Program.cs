using System.Globalization;
using System.Text;
using Platform.Benchmarks;
using Platform.Benchmarks.Load;

Console.OutputEncoding = Encoding.UTF8;
if (args is ["serve-echo", "--port", var port])
{
    return await EchoServer.ServeAsync(int.Parse(port, CultureInfo.InvariantCulture));
}
HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}
return await Harness.RunAsync(options, Console.Out);
