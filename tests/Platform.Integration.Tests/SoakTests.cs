using System.Diagnostics;
using System.Globalization;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests;

/// <summary>
/// Mixed traffic through the gateway for PLATFORM_SOAK_MINUTES (default 60) while Redis and the
/// services' database are taken away in turn every PLATFORM_SOAK_FAULT_EVERY seconds (default
/// 180) for 15 s. At the end: every unit whose creation was answered 200 exists exactly once,
/// every refused one not at all, and nothing answered 500. Off by default (trait Category=Soak,
/// which test.sh leaves out unless a filter names it); run it with scripts/soak.sh. The counts go
/// to PLATFORM_SOAK_REPORT (scripts/soak.sh prints it).
/// </summary>
[Collection(DistributedNodeCollection.Name)]
[Trait("Category", "Soak")]
public sealed class SoakTests(DistributedNode node)
{
    [SkippableFact]
    public async Task Mixed_traffic_with_a_dependency_failing_every_few_minutes_loses_and_doubles_nothing()
    {
        node.SkipIfUnavailable();
        var duration = TimeSpan.FromMinutes(Setting("PLATFORM_SOAK_MINUTES", 60));
        var faultEvery = TimeSpan.FromSeconds(Setting("PLATFORM_SOAK_FAULT_EVERY", 180));
        var faultLength = TimeSpan.FromSeconds(15);
        using var http = node.CreateGatewayClient();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("soak-"));
        var prefix = SliceScenario.UniqueName("压测");
        var created = new List<string>();
        var refused = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var latencies = new List<double>();
        var faults = new List<string>();
        var clock = Stopwatch.StartNew();
        var nextFault = faultEvery;
        var faultIndex = 0;
        var sequence = 0;

        while (clock.Elapsed < duration)
        {
            if (clock.Elapsed >= nextFault)
            {
                var proxy = faultIndex++ % 2 == 0 ? node.RedisFault : node.DatabaseFault;
                faults.Add($"{clock.Elapsed:hh\\:mm\\:ss} {(proxy == node.RedisFault ? "redis" : "database")} down {faultLength.TotalSeconds:F0} s");
                proxy.Cut();
                _ = Task.Delay(faultLength).ContinueWith(_ => proxy.Restore(), TaskScheduler.Default);
                nextFault += faultEvery;
            }
            var write = sequence++ % 4 == 0;
            var name = $"{prefix}-{sequence}";
            using var request = new HttpRequestMessage(write ? HttpMethod.Post : HttpMethod.Get, write ? "/api/planning/v1/units" : "/api/planning/v1/units?page_size=20");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk);
            if (write)
            {
                request.Content = JsonContent.Create(new { name, shortName = "压测", kind = "department", regionCode = "320600" });
            }
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            var key = $"{(write ? "write" : "read")} {(int)response.StatusCode}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (write)
            {
                (response.StatusCode == HttpStatusCode.OK ? created : refused).Add(name);
            }
            await Task.Delay(20);
        }
        node.RedisFault.Restore();
        node.DatabaseFault.Restore();

        var stored = await Eventually.GetAsync(() => UnitNamesAsync(http, clerk, prefix), TimeSpan.FromSeconds(30), "planning to answer after the soak");
        var lost = created.Where(n => stored.GetValueOrDefault(n) == 0).ToList();
        var doubled = stored.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        var ghost = refused.Where(stored.ContainsKey).ToList();
        latencies.Sort();
        var report = string.Join(Environment.NewLine, new[]
        {
            $"soak: {clock.Elapsed:hh\\:mm\\:ss}, {latencies.Count} calls, p50 {latencies[latencies.Count / 2]:F0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} ms, max {latencies[^1]:F0} ms",
            "answers: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")),
            $"units created {created.Count}, refused {refused.Count}; lost {lost.Count}, doubled {doubled.Count}, refused but stored {ghost.Count}",
            "faults: " + string.Join("; ", faults),
        });
        var results = Environment.GetEnvironmentVariable("PLATFORM_SOAK_REPORT") ?? Path.Combine(Path.GetTempPath(), "soak-report.txt");
        await File.WriteAllTextAsync(results, report + Environment.NewLine);

        Assert.True(created.Count > 0, report);
        Assert.Empty(lost);
        Assert.Empty(doubled);
        Assert.Empty(ghost);
        Assert.DoesNotContain(counts.Keys, k => k.EndsWith(" 500", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, int>?> UnitNamesAsync(HttpClient http, string token, string prefix)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var pageToken = "";
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/planning/v1/units?query={Uri.EscapeDataString(prefix)}&page_size=500&page_token={Uri.EscapeDataString(pageToken)}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("units", out var units))
            {
                foreach (var unit in units.EnumerateArray())
                {
                    var name = unit.GetProperty("name").GetString()!;
                    names[name] = names.GetValueOrDefault(name) + 1;
                }
            }
            pageToken = body.TryGetProperty("nextPageToken", out var next) ? next.GetString() ?? "" : "";
        }
        while (pageToken.Length > 0);
        return names;
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
