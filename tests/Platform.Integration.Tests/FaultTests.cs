using System.Diagnostics;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests;

/// <summary>
/// The node with a dependency taken away mid-run (through <see cref="FaultProxy"/>, as a stopped
/// server looks to a client) and given back: each case asserts that nothing was lost or
/// written twice, and how long callers waited.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed partial class FaultTests(DistributedNode node, Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Redis_down_costs_the_gateway_no_more_than_milliseconds_and_the_node_says_degraded()
    {
        node.SkipIfUnavailable();
        using var http = node.CreateGatewayClient();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"));
        // The same calls with Redis up, on this machine at this moment.
        var baseline = await LatenciesAsync(http, clerk, 40);
        node.RedisFault.Cut();
        try
        {
            // The first calls meet the failure and open the circuit.
            for (var i = 0; i < 3; i++)
            {
                using var _ = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk);
            }

            var latencies = await LatenciesAsync(http, clerk, 40);
            // Under 100 ms typically. On a machine shared with builds 40 calls are noisy: CI saw a
            // median of 105 ms with Redis up, and a tail of 408 ms down against 224 ms up. So the
            // median may be the baseline's plus 100 ms and the tail twice the baseline's plus 100 ms;
            // before the circuit breaker each call waited seconds, which both still catch.
            var summary = $"Redis down: {string.Join(", ", latencies.Select(l => l.ToString("F0")))} ms; up: {string.Join(", ", baseline.Select(l => l.ToString("F0")))} ms";
            Assert.True(Percentile(latencies, 0.5) < Math.Max(100, Percentile(baseline, 0.5) + 100), summary);
            Assert.True(Percentile(latencies, 0.95) < Math.Max(100, 2 * Percentile(baseline, 0.95) + 100), summary);

            // A write goes through once.
            var name = SliceScenario.UniqueName("故障单位");
            using (var created = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk, NewUnit(name)))
            {
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            }
            Assert.Equal(1, await CountUnitsAsync(http, clerk, name));

            var health = await ServiceHealthAsync("planning");
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
            Assert.Contains("Redis", health.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString());
        }
        finally
        {
            node.RedisFault.Restore();
        }

        // The circuit closes on its own once Redis answers (a trial call after the break).
        await Eventually.GetAsync(async () =>
        {
            using var _ = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk);
            var health = await ServiceHealthAsync("planning");
            return health.GetProperty("status").GetString() == "Healthy" ? "ok" : null;
        }, TimeSpan.FromSeconds(30), "planning's health to be Healthy again after Redis returned");
        // The gateway's own circuit (the edge counter) closes too, so later tests count in Redis again.
        await Eventually.GetAsync(async () =>
        {
            using var _ = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk);
            var health = await HealthAsync(new HttpClient { BaseAddress = http.BaseAddress });
            return health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Healthy" ? "ok" : null;
        }, TimeSpan.FromSeconds(30), "the gateway's Redis check to be Healthy again");
    }

    [SkippableFact]
    public async Task Database_down_for_ten_seconds_is_unavailable_with_retry_after_then_recovers_without_restarts()
    {
        node.SkipIfUnavailable();
        using var http = node.CreateGatewayClient();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"));
        var name = SliceScenario.UniqueName("断库单位");
        using (var before = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var outage = Stopwatch.StartNew();
        node.DatabaseFault.Cut();
        try
        {
            var watch = Stopwatch.StartNew();
            using var read = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk);
            var readMs = watch.ElapsedMilliseconds;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.NotNull(read.Headers.RetryAfter);
            Assert.Contains("database is unavailable", await read.Content.ReadAsStringAsync());
            // A read retries for 1.5 s first (ReadRetryingExecutionStrategy), riding out a blip; each
            // attempt is slow on a machine at load 100+ (5.8 s in all was seen there), not seconds of timeout.
            Assert.True(readMs < 8000, $"the refusal took {readMs} ms");

            using var write = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk, NewUnit(name));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.NotNull(write.Headers.RetryAfter);

            var rest = TimeSpan.FromSeconds(10) - outage.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            node.DatabaseFault.Restore();
        }

        // The same processes serve again; the refused write left nothing behind, the repeated one lands once.
        var back = Stopwatch.StartNew();
        await Eventually.GetAsync(async () =>
        {
            using var response = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk);
            return response.StatusCode == HttpStatusCode.OK ? "ok" : null;
        }, TimeSpan.FromSeconds(20), "planning to answer again after the database returned");
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), $"recovery took {back.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, await CountUnitsAsync(http, clerk, name));
        using (var again = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk, NewUnit(name)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        Assert.Equal(1, await CountUnitsAsync(http, clerk, name));
    }

    private static object NewUnit(string name) => new { name, shortName = "故障", kind = "department", regionCode = "320600" };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request);
    }

    private static async Task<int> CountUnitsAsync(HttpClient http, string token, string name)
    {
        using var response = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units?query=" + Uri.EscapeDataString(name), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("units", out var units) ? units.EnumerateArray().Count(u => u.GetProperty("name").GetString() == name) : 0;
    }

    private static async Task<List<double>> LatenciesAsync(HttpClient http, string token, int calls)
    {
        var latencies = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", token);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        latencies.Sort();
        return latencies;
    }

    private static double Percentile(List<double> sorted, double share) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * share) - 1)];

    private Task<JsonElement> ServiceHealthAsync(string service) =>
        HealthAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.ServicePorts[service].Http}") });

    private async Task<JsonElement> HealthAsync(HttpClient http)
    {
        using var _ = http;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue(SliceScenario.UniqueName("op-"), null, "node_operator"));
        using var response = await http.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
