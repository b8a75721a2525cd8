using Platform.Benchmarks.Kit;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;
using Platform.Contracts.Planning.V1;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The same cheap read (ListUnits, page of 10) through the distributed gateway and directly at the
/// planning service, same callers and duration, then deadline day on the distributed node.
/// </summary>
public static class GatewayScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var stack = DistributedStack.Open(o.Repository);
        await using var gateway = stack.Gateway();
        var office = await gateway.BearerAsync("bench-office", "office_staff");
        using var direct = EmbeddedNode.OpenChannel(stack.GrpcOf("planning"));
        var viaGateway = new PlanningService.PlanningServiceClient(gateway.Channel);
        var atService = new PlanningService.PlanningServiceClient(direct);
        var request = new ListUnitsRequest { PageSize = 10 };
        Func<int, CancellationToken, Task> directCall = (_, _) => atService.ListUnitsAsync(request, office).ResponseAsync;
        Func<int, CancellationToken, Task> proxiedCall = (_, _) => viaGateway.ListUnitsAsync(request, office).ResponseAsync;

        // A stack just started has compiled neither path, and the gateway path comes second: without this its JIT
        // fell inside the measured period (45 % of the gateway's samples in a quick run, ratio 0.67 against 0.85 warm).
        var warm = o.WarmUp > TimeSpan.FromSeconds(5) ? o.WarmUp : TimeSpan.FromSeconds(5);
        context.Log.WriteLine($"[gateway] warming both paths ({warm.TotalSeconds:F0} s each)");
        await LoadRunner.RunAsync(o.Clients, TimeSpan.Zero, warm, proxiedCall);
        await LoadRunner.RunAsync(o.Clients, TimeSpan.Zero, warm, directCall);

        var processes = new Dictionary<string, int>(StringComparer.Ordinal) { ["harness"] = Environment.ProcessId };
        foreach (var name in new[] { "gateway", "planning" })
        {
            if (stack.ProcessIdOf(name) is { } pid)
            {
                processes[name] = pid;
            }
        }
        context.Log.WriteLine($"[gateway] ListUnits (10) through the gateway and at the service, {o.Clients} callers, {o.Duration.TotalSeconds} s each");
        var (service, serviceCpu) = await MeasureAsync(o, directCall, processes);
        var (proxied, proxiedCpu) = await MeasureAsync(o, proxiedCall, processes);
        context.Log.WriteLine("  service: " + service.Summary() + "; CPU " + CpuSummary(serviceCpu, service.Calls));
        context.Log.WriteLine("  gateway: " + proxied.Summary() + "; CPU " + CpuSummary(proxiedCpu, proxied.Calls));
        var measured = service.Calls > 0 && proxied.Calls > 0;
        context.Add(Targets.Measured("gateway_ratio", measured ? proxied.PerSecond / service.PerSecond : null));
        context.Add(Targets.Measured("gateway_p99_ratio", measured ? proxied.Percentile(99) / service.Percentile(99) : null));
        var gatewayCpu = CpuUse.PerCall(proxiedCpu.Processes.GetValueOrDefault("gateway"), proxied.Calls);
        var machineDirect = CpuUse.PerCall(serviceCpu.Machine, service.Calls);
        var machineProxied = CpuUse.PerCall(proxiedCpu.Machine, proxied.Calls);
        context.Add(Targets.Informational("gateway_cpu_ms_per_call", gatewayCpu, "ms", "the gateway process's own CPU per proxied call"));
        context.Add(Targets.Informational("gateway_cpu_bound_ratio", machineDirect / machineProxied, "ratio",
            "the machine's CPU per direct call over per proxied call: the throughput ratio a machine busy in both runs allows"));
        context.Section("Gateway against the service (distributed stack)", [
            $"ListUnits, page of 10, with an office token; {o.Clients} callers, both paths warmed {warm.TotalSeconds:F0} s first, then each: warm-up {o.WarmUp.TotalSeconds:F0} s excluded, {o.Duration.TotalSeconds:F0} s measured. The stack is `scripts/stack.sh up` on this machine (PostgreSQL, RabbitMQ, Redis, five services, the gateway).",
            "",
            "| path | throughput | p50 | p99 | failed |",
            "|---|---|---|---|---|",
            ReadsScenario.Row("directly at the planning service", service),
            ReadsScenario.Row("through the gateway", proxied),
            "",
            "CPU per call in the measured periods (ms; the machine's busy time and each process's own from /proc; \"rest\" is PostgreSQL, Redis, RabbitMQ, the other services and the kernel). On one machine the callers, the gateway, the service and its database share the same cores: when both runs keep the machine busy, the throughput ratio is the ratio of the machine's CPU per call, so the gateway's own CPU comes out of the service's share.",
            "",
            "| path | gateway | planning service | harness (callers) | rest | machine | busy |",
            "|---|---|---|---|---|---|---|",
            CpuRow("directly at the planning service", serviceCpu, service.Calls, gateway: false),
            CpuRow("through the gateway", proxiedCpu, proxied.Calls, gateway: true),
        ]);

        // Tokens come from one mint-token process each on the stack: as many units as liaisons.
        var distributed = context.Options with { DeadlineUnits = Math.Min(o.DeadlineUnits, o.Liaisons) };
        await DeadlineDayScenario.RunAsync(context, distributed, gateway, "distributed_", "distributed node, PostgreSQL, through the gateway");
    }

    private static async Task<(LoadResult Result, CpuUse Cpu)> MeasureAsync(
        HarnessOptions o, Func<int, CancellationToken, Task> call, IReadOnlyDictionary<string, int> processes)
    {
        CpuMeter? meter = null;
        var result = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, call, () => meter = CpuMeter.Start(processes));
        return (result, meter!.Stop());
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    private static string CpuSummary(CpuUse cpu, long calls) => FormattableString.Invariant(
        $"per call: gateway {Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("gateway"), calls))} ms, planning {Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("planning"), calls))} ms, harness {Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("harness"), calls))} ms, rest {Ms(CpuUse.PerCall(cpu.Rest, calls))} ms, machine {Ms(CpuUse.PerCall(cpu.Machine, calls))} ms; busy {cpu.Busy * 100:F0} %");

    private static string CpuRow(string path, CpuUse cpu, long calls, bool gateway) => FormattableString.Invariant(
        $"| {path} | {(gateway ? Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("gateway"), calls)) : "–")} | {Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("planning"), calls))} | {Ms(CpuUse.PerCall(cpu.Processes.GetValueOrDefault("harness"), calls))} | {Ms(CpuUse.PerCall(cpu.Rest, calls))} | {Ms(CpuUse.PerCall(cpu.Machine, calls))} | {cpu.Busy * 100:F0} % |");
}
