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
        context.Log.WriteLine($"[gateway] ListUnits (10) through the gateway and at the service, {o.Clients} callers, {o.Duration.TotalSeconds} s each");
        var service = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, (_, _) => atService.ListUnitsAsync(request, office).ResponseAsync);
        var proxied = await LoadRunner.RunAsync(o.Clients, o.WarmUp, o.Duration, (_, _) => viaGateway.ListUnitsAsync(request, office).ResponseAsync);
        context.Log.WriteLine("  service: " + service.Summary());
        context.Log.WriteLine("  gateway: " + proxied.Summary());
        var measured = service.Calls > 0 && proxied.Calls > 0;
        context.Add(Targets.Measured("gateway_ratio", measured ? proxied.PerSecond / service.PerSecond : null));
        context.Add(Targets.Measured("gateway_p99_ratio", measured ? proxied.Percentile(99) / service.Percentile(99) : null));
        context.Section("Gateway against the service (distributed stack)", [
            $"ListUnits, page of 10, with an office token; {o.Clients} callers, warm-up {o.WarmUp.TotalSeconds:F0} s excluded, {o.Duration.TotalSeconds:F0} s measured each. The stack is `scripts/stack.sh up` on this machine (PostgreSQL, RabbitMQ, Redis, five services, the gateway).",
            "",
            "| path | throughput | p50 | p99 | failed |",
            "|---|---|---|---|---|",
            ReadsScenario.Row("directly at the planning service", service),
            ReadsScenario.Row("through the gateway", proxied),
        ]);

        // Tokens come from one mint-token process each on the stack: as many units as liaisons.
        var distributed = context.Options with { DeadlineUnits = Math.Min(o.DeadlineUnits, o.Liaisons) };
        await DeadlineDayScenario.RunAsync(context, distributed, gateway, "distributed_", "distributed node, PostgreSQL, through the gateway");
    }
}
