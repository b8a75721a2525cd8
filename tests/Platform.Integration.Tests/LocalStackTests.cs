using Xunit;

namespace Platform.Integration.Tests;

/// <summary>
/// The README's distributed section, run as written against a fresh local stack
/// (scripts/stack.sh), and a service database backed up with pg_dump and restored with
/// pg_restore as docs/operations.md says, the service then answering from the restored data.
/// </summary>
public sealed class LocalStackTests
{
    private static readonly string Root = ReadmeBlocks.Root;

    [SkippableFact]
    public async Task The_readme_brings_up_the_local_stack_and_a_restored_database_serves_its_data()
    {
        Skip.If(TestInfrastructure.FromEnvironment(out var missing) is null && !TestInfrastructure.RunningInCi, missing);
        var block = ReadmeBlocks.After("## Distributed mode");
        Assert.Contains("scripts/stack.sh up", block);
        // `down` is this test's own last step, after the restore below.
        var script = string.Join('\n', block.Split('\n').Where(l => !l.TrimStart().StartsWith("scripts/stack.sh down", StringComparison.Ordinal)));
        try
        {
            var first = ReadmeBlocks.Bash("set -euo pipefail\nexport STACK_FREE_PORTS=1\n" + script, TimeSpan.FromMinutes(15));
            Assert.True(first.Code == 0, first.Output);
            // `curl -sf` fails the script on any answer but 2xx: the first call through the gateway succeeded.
            Assert.Contains("{", first.Output);

            var gateway = File.ReadAllText(Path.Combine(Root, ".stack", "gateway")).Trim();
            var clerk = ReadmeBlocks.Bash(". .stack/node.env && dotnet gateway/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll mint-token --user clerk1 --role office_staff", TimeSpan.FromMinutes(2));
            Assert.True(clerk.Code == 0, clerk.Output);
            using var http = new HttpClient { BaseAddress = new Uri(gateway) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", clerk.Output.Trim());
            var name = "备份恢复测试局" + Guid.NewGuid().ToString("N")[..6];
            using (var created = await http.PostAsJsonAsync("/api/planning/v1/units", new { name, shortName = "测试局", kind = "department", regionCode = "320600" }))
            {
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            }
            await AssertAuditSealedAsync();

            // docs/operations.md, "Back up and restore": dump, drop, create, restore, start the service again.
            var restore = ReadmeBlocks.Bash("""
                set -euo pipefail
                . .stack/servers.env
                port=$(printf '%s' "$PLATFORM_TEST_POSTGRES" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
                pg=(-h 127.0.0.1 -p "$port" -U postgres)
                "$PG_BIN/pg_dump" -Fc "${pg[@]}" -d planning -f .stack/planning.dump
                "$PG_BIN/dropdb" "${pg[@]}" --force planning
                "$PG_BIN/createdb" "${pg[@]}" planning
                "$PG_BIN/psql" "${pg[@]}" -d planning -tAc "select count(*) from information_schema.tables where table_schema not in ('pg_catalog','information_schema')"
                "$PG_BIN/pg_restore" "${pg[@]}" -d planning --no-owner .stack/planning.dump
                scripts/stack.sh restart planning
                """, TimeSpan.FromMinutes(5));
            Assert.True(restore.Code == 0, restore.Output);
            // The database was empty between the drop and the restore.
            Assert.Contains("\n0\n", "\n" + restore.Output.Replace("\r", "", StringComparison.Ordinal));
            Assert.Contains("planning restarted", restore.Output);
            // The restart appends: the first run's lines stay above the marker.
            var log = File.ReadAllText(Path.Combine(Root, ".stack", "logs", "planning.log"));
            Assert.True(log.IndexOf("--- scripts/stack.sh restart ", StringComparison.Ordinal) > 0, log);

            // status reads the body of each /health: its status, and the reason of each check that is not Healthy.
            var status = ReadmeBlocks.Bash("scripts/stack.sh status", TimeSpan.FromMinutes(1));
            Assert.True(status.Code == 0, status.Output);
            Assert.Matches(@"(?m)^planning\s+running\s+/health 200\s+(Healthy|Degraded \(.+: .+\))\s*$", status.Output);
            Assert.Matches(@"(?m)^gateway\s+running\s+/health 200\s+(Healthy|Degraded \(.+: .+\))\s*$", status.Output);

            using var units = await http.GetAsync("/api/planning/v1/units");
            Assert.Equal(HttpStatusCode.OK, units.StatusCode);
            var names = (await units.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString());
            Assert.Contains(name, names);
        }
        finally
        {
            var down = ReadmeBlocks.Bash("scripts/stack.sh down", TimeSpan.FromMinutes(3));
            Assert.True(down.Code == 0, down.Output);
        }
        Assert.False(Directory.Exists(Path.Combine(Root, ".stack")));
    }

    /// <summary>
    /// The gateway's sealer chains what the services appended: the stack gives every process the same entry key.
    /// (Without it the gateway refused every store, "its MAC does not fit", and chained nothing.)
    /// </summary>
    private static async Task AssertAuditSealedAsync()
    {
        const string verify = ". .stack/node.env && dotnet gateway/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll audit verify";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = ReadmeBlocks.Bash(verify, TimeSpan.FromMinutes(2));
            Assert.True(result.Code == 0, result.Output);
            if (System.Text.RegularExpressions.Regex.IsMatch(result.Output, @"(?m)^planning: intact, [1-9]\d* entries, [1-9]\d* checkpoints .*, 0 not yet chained\s*$"))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the planning store's entries were not chained within 60 s:\n" + result.Output);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        var gatewayLog = File.ReadAllText(Path.Combine(Root, ".stack", "logs", "gateway.log"));
        Assert.DoesNotContain("refused for sealing", gatewayLog);
    }
}
