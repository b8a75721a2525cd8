using Xunit;

namespace Platform.Integration.Tests;

/// <summary>
/// The README's first session on the embedded node, run as written: the line that starts the node,
/// the token block, and the first session's REST blocks, against a fresh node (its own data folder and
/// token key). The blocks name localhost:5080, so the session runs in a network namespace of its own
/// when the machine allows one (unshare), and otherwise needs port 5080 free. Under test.sh, which has just built the
/// solution in Release, the README's `dotnet run` runs that build without building it again. The gRPC block is not
/// run: grpcurl is in none of the registries the test command installs from.
/// </summary>
public sealed class ReadmeFirstSessionTests
{
    [Fact]
    public void The_readmes_first_session_runs_as_written_against_a_fresh_node()
    {
        var start = ReadmeBlocks.Under("# Rule-of-law supervision platform (法治督察平台)")[0]
            .Split('\n').Single(l => l.StartsWith("dotnet run --project services/Platform.AllInOne", StringComparison.Ordinal));
        var token = ReadmeBlocks.After("## Get a token");
        var session = ReadmeBlocks.Under("## A first session (REST)");
        Assert.Contains("TOKEN=$(", token);

        var data = Directory.CreateTempSubdirectory("readme-node-");
        try
        {
            var isolated = ReadmeBlocks.Bash("ip link set lo up", TimeSpan.FromSeconds(30), "unshare", "--user", "--map-root-user", "--net").Code == 0;
            // The README's commands run as written; Configuration (read by MSBuild from the environment) makes their
            // `dotnet run` use the build this test comes from (Release under test.sh, which has just built the solution)
            // instead of building a Debug node from scratch beside the other tests: the same sources, already built.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            // set -m: the node runs in its own process group, stopped whole (dotnet run and the node it starts) on exit.
            var script = $$"""
                set -euo pipefail
                {{(isolated ? "ip link set lo up" : "")}}
                export Database__DataDirectory='{{data.FullName}}' Auth__SigningKeyFile='{{data.FullName}}/keys/token-signing.key'
                export Configuration='{{configuration}}'
                # When that build is newer than every source (test.sh stamps the solution's Release build; the check is
                # scripts/lib/build.sh's, as scripts/stack.sh and scripts/hierarchy.sh use it), the README's `dotnet run` runs
                # it as built (--no-build): a build with nothing to do still costs restore, the project graph's evaluation
                # and up-to-date checks of every project, the slowest part of this test on a loaded machine.
                ROOT=$PWD
                . scripts/lib/build.sh
                if [ "$Configuration" = Release ] && ! release_build_stale services/Platform.AllInOne; then
                  echo '--- dotnet run: the Release build is fresh, run without building again'
                  dotnet() { if [ "${1:-}" = run ]; then shift; command dotnet run --no-build "$@"; else command dotnet "$@"; fi; }
                fi
                set -m
                (
                {{start}}
                ) > '{{data.FullName}}/node.log' 2>&1 &
                node=$!
                set +m
                trap 'kill -- -$node 2>/dev/null; wait $node 2>/dev/null || true' EXIT
                for _ in $(seq 1 600); do curl -sf localhost:5080/alive > /dev/null && break; sleep 1; done
                curl -sf localhost:5080/alive > /dev/null || { echo 'the node did not start:'; tail -40 '{{data.FullName}}/node.log'; exit 1; }
                echo '--- token'
                {{token}}
                echo
                echo '--- session'
                {{session[0]}}
                echo
                echo '--- import'
                {{string.Join("\necho\n", session.Skip(1))}}
                echo
                echo '--- end'
                """;
            var run = isolated
                ? ReadmeBlocks.Bash(script, TimeSpan.FromMinutes(15), "unshare", "--user", "--map-root-user", "--net")
                : ReadmeBlocks.Bash(script, TimeSpan.FromMinutes(15));
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("--- end", run.Output);

            var tokens = Section(run.Output, "--- token", "--- session");
            Assert.Contains("{\"token\":\"", tokens); // /dev/tokens on the running node

            var firstSession = Section(run.Output, "--- session", "--- import");
            Assert.Contains("\"status\":\"issued\"", firstSession); // TOKEN was good for an office_staff write
            Assert.Contains("\"assignments\":[{", firstSession);
            // The liaison's inbox, with the assignment's message in it.
            var inbox = firstSession[firstSession.LastIndexOf("{\"messages\"", StringComparison.Ordinal)..];
            Assert.Contains("健全重大行政决策程序制度", inbox);

            var import = Section(run.Output, "--- import", "--- end");
            Assert.Contains("以推进财政体制改革和行政审批制度改革为重点，深化行政体制改革", import);
            Assert.Contains("未识别的责任单位：市计委", import);
            // The proposal settled by creating the unit: the answer carries the new unit.
            Assert.Contains("\"regionCode\":\"510100\"", import);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string Section(string output, string from, string to)
    {
        var start = output.IndexOf(from, StringComparison.Ordinal);
        var end = output.IndexOf(to, start, StringComparison.Ordinal);
        return output[start..end];
    }
}
