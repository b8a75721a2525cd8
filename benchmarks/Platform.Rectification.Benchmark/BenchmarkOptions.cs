using System.Globalization;

namespace Platform.Rectification.Benchmark;

/// <summary>Command line: where the embedded node keeps its data and answers, and how big the run is.</summary>
public sealed record BenchmarkOptions(string DataDirectory, Uri Grpc, Uri Http, int Items, int Units, int LedgerCalls, int Concurrency)
{
    private const string Usage =
        "usage: Platform.Rectification.Benchmark [--data ./data] [--grpc http://localhost:5081] [--http http://localhost:5080]\n" +
        "       [--items 100000] [--units 2000] [--ledger-calls 2000] [--concurrency 8]";

    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--data"] = "./data",
            ["--grpc"] = "http://localhost:5081",
            ["--http"] = "http://localhost:5080",
            ["--items"] = "100000",
            ["--units"] = "2000",
            ["--ledger-calls"] = "2000",
            ["--concurrency"] = "8",
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                error.WriteLine($"unknown or incomplete option '{args[i]}'");
                error.WriteLine(Usage);
                return null;
            }
            values[args[i]] = args[i + 1];
        }
        int Number(string key) => int.TryParse(values[key], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{key} must be a positive number");
        try
        {
            return new BenchmarkOptions(
                values["--data"], new Uri(values["--grpc"]), new Uri(values["--http"]),
                Number("--items"), Number("--units"), Number("--ledger-calls"), Number("--concurrency"));
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            error.WriteLine(ex.Message);
            error.WriteLine(Usage);
            return null;
        }
    }
}
