using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Platform.Benchmarks.Kit;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// echo vs reads: a liaison's inbox page (20) and the liaison's task (its assignment) through the
/// whole embedded node, each as a share of a bare Kestrel gRPC echo's throughput, with the same
/// callers and duration, after the same warm-up. The echo runs as its own process while the
/// node is up and idle, so both meet the same machine.
/// </summary>
public static class ReadsScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var folder = context.NewFolder("reads");
        context.Log.WriteLine("[reads] starting the embedded node");
        await using var node = await EmbeddedNode.StartAsync(o.NodeDll, folder);
        var province = new Province(node, context.Log);
        var units = Math.Max(o.Clients * 4, o.ReadUnits);
        await province.SeedUnitsAsync(units);
        await province.ImportPlanAsync(3, DateTime.UtcNow.Year);
        await province.AssignAsync([0, 1, 2], 1);
        await province.MintLiaisonsAsync();
        // The inbox pages must hold the 交办 notices: wait until the assignments' events are delivered.
        var drained = await province.DrainAsync(o.DrainTimeout);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var liaisons = province.Liaisons.ToList();
        var notification = new NotificationService.NotificationServiceClient(node.Channel);
        // Planning's outbox being empty means published; notification then writes the inbox rows
        // through its own delivery, so wait until the last liaison's page holds all three notices.
        var inboxWait = System.Diagnostics.Stopwatch.StartNew();
        while ((await notification.ListMyInboxAsync(new ListMyInboxRequest { PageSize = 20 }, liaisons[^1].Value)).Messages.Count < 3)
        {
            if (inboxWait.Elapsed > o.DrainTimeout)
            {
                throw new InvalidOperationException($"a liaison's inbox lacks its 交办 notices {o.DrainTimeout.TotalSeconds:F0} s after the assignments were published; the read would measure a short page");
            }
            await Task.Delay(250);
        }

        var echoPort = ChildProcess.FreePort();
        await using var echo = ChildProcess.Start(typeof(ReadsScenario).Assembly.Location, ["serve-echo", "--port", echoPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), Path.Combine(folder, "echo.log"));
        using var echoChannel = EmbeddedNode.OpenChannel(new Uri($"http://127.0.0.1:{echoPort}/"));
        var echoClient = echoChannel.CreateCallInvoker();
        await WaitEchoAsync(echoClient);
        // About the size of a small request, so the echo's cost is the transport's, not the payload's.
        var message = new StringValue { Value = new string('x', 64) };

        context.Log.WriteLine($"[reads] {o.Clients} callers, warm-up {o.WarmUp.TotalSeconds} s, measured {o.Duration.TotalSeconds} s each");
        var echoResult = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, (_, _) => EchoService.CallAsync(echoClient, message).ResponseAsync);
        context.Log.WriteLine("  echo:  " + echoResult.Summary());
        var planning = province.Planning;
        var inbox = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, (c, _) =>
            notification.ListMyInboxAsync(new ListMyInboxRequest { PageSize = 20 }, Next(liaisons, c)).ResponseAsync);
        context.Log.WriteLine("  inbox: " + inbox.Summary());
        var task = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, (c, _) =>
        {
            var (unit, headers) = Next2(liaisons, c);
            return planning.ListAssignmentsAsync(new ListAssignmentsRequest { PageSize = 1, UnitId = unit }, headers).ResponseAsync;
        });
        context.Log.WriteLine("  task:  " + task.Summary());

        var inboxRatio = Ratio(inbox, echoResult);
        var taskRatio = Ratio(task, echoResult);
        context.Add(Targets.Informational("echo_calls_per_second", echoResult.PerSecond, "calls/s"));
        context.Add(Targets.Informational("echo_p99_ms", echoResult.Percentile(99), "ms"));
        context.Add(Targets.Informational("inbox_calls_per_second", inbox.PerSecond, "calls/s"));
        context.Add(Targets.Informational("inbox_p99_ms", inbox.Percentile(99), "ms"));
        context.Add(Targets.Informational("task_calls_per_second", task.PerSecond, "calls/s"));
        context.Add(Targets.Informational("task_p99_ms", task.Percentile(99), "ms"));
        context.Add(Targets.Measured("inbox_echo_ratio", inboxRatio));
        context.Add(Targets.Measured("task_echo_ratio", taskRatio));
        context.Add(Targets.Measured("echo_ratio", inboxRatio is null || taskRatio is null ? null : Math.Min(inboxRatio.Value, taskRatio.Value),
            "the lower of the inbox and task ratios"));
        context.Section("Reads against the echo baseline", [
            FormattableString.Invariant($"{units} units, 3 tasks assigned to each (the inbox holds their 交办 notices; events drained in {drained.Waited.TotalSeconds:F1} s, inboxes filled {inboxWait.Elapsed.TotalSeconds:F1} s later). {o.Clients} callers, each a different liaison in turn, warm-up {o.WarmUp.TotalSeconds:F0} s excluded, {o.Duration.TotalSeconds:F0} s measured per call; latencies from HdrHistogram."),
            "",
            "| call | throughput | p50 | p99 | failed |",
            "|---|---|---|---|---|",
            Row("bare Kestrel gRPC echo (own process)", echoResult),
            Row("ListMyInbox, page of 20 (notification, whole node)", inbox),
            Row("ListAssignments, the liaison's task (planning, whole node)", task),
            "",
            "The node has no GetTask call; a liaison's task is read with ListAssignments filtered to the unit, page of 1.",
        ]);
    }

    private static Metadata Next(List<KeyValuePair<string, Metadata>> liaisons, int caller) => Next2(liaisons, caller).Headers;

    private static int _turn;

    private static (string Unit, Metadata Headers) Next2(List<KeyValuePair<string, Metadata>> liaisons, int caller)
    {
        var pair = liaisons[(int)((uint)Interlocked.Increment(ref _turn) % (uint)liaisons.Count)];
        return (pair.Key, pair.Value);
    }

    private static double? Ratio(LoadResult read, LoadResult echo) => echo.PerSecond > 0 && read.Calls > 0 ? read.PerSecond / echo.PerSecond : null;

    internal static string Row(string call, LoadResult result) => FormattableString.Invariant(
        $"| {call} | {result.PerSecond:F0} calls/s | {result.Percentile(50):F2} ms | {result.Percentile(99):F2} ms | {result.Failed} |");

    private static async Task WaitEchoAsync(CallInvoker client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await EchoService.CallAsync(client, new StringValue { Value = "ready?" }, DateTime.UtcNow.AddSeconds(2));
                return;
            }
            catch (RpcException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }
}
