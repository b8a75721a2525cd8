namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// The README's "A hierarchy on one machine", run as written: scripts/hierarchy.sh up, the city's links,
/// status; then each node's ListLinks, and down. Needs no server (three embedded nodes on SQLite).
/// </summary>
[Collection(HierarchyCollection.Name)]
public sealed class HierarchyScriptTests
{
    private static readonly string Root = DistributedNode.RepositoryRoot();
    private static readonly string Folder = Path.Combine(Root, ".hierarchy");

    [Fact]
    public async Task The_readme_brings_up_a_province_a_city_and_a_county_joined_and_takes_them_down()
    {
        var block = ReadmeBlocks.After("## A hierarchy on one machine");
        Assert.Contains("scripts/hierarchy.sh up", block);
        // `down` is this test's own last step, after the calls below.
        var script = string.Join('\n', block.Split('\n').Where(l => !l.TrimStart().StartsWith("scripts/hierarchy.sh down", StringComparison.Ordinal)));
        try
        {
            var run = ReadmeBlocks.Bash("set -euo pipefail\n" + script, TimeSpan.FromMinutes(15));
            Assert.True(run.Code == 0, run.Output);
            // status: the three nodes running and healthy, each with its links.
            Assert.Matches(@"province +js-province +running +/health 200 +links: child nt-city active backlog 0;", run.Output);
            Assert.Matches(@"city +nt-city +running +/health 200 +links: (parent js-province active backlog 0; child cc-county active backlog 0;|child cc-county active backlog 0; parent js-province active backlog 0;)", run.Output);
            Assert.Matches(@"county +cc-county +running +/health 200 +links: parent nt-city active backlog 0;", run.Output);

            var expected = new Dictionary<string, string[]>
            {
                ["province"] = ["child nt-city 320600 active"],
                ["city"] = ["child cc-county 320602 active", "parent js-province 320000 active"],
                ["county"] = ["parent nt-city 320600 active"],
            };
            foreach (var (node, links) in expected)
            {
                using var http = new HttpClient { BaseAddress = new Uri(File.ReadAllText(Path.Combine(Folder, node, "url")).Trim()) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(Folder, node, "operator.token")).Trim());
                var answer = await http.GetFromJsonAsync<JsonElement>("/api/federation/v1/links");
                var seen = answer.GetProperty("links").EnumerateArray()
                    .Select(l => $"{l.GetProperty("role").GetString()} {l.GetProperty("peerNodeId").GetString()} {l.GetProperty("peerRegionCode").GetString()} {l.GetProperty("state").GetString()}")
                    .Order(StringComparer.Ordinal);
                Assert.Equal(links, seen);
            }
        }
        finally
        {
            var down = ReadmeBlocks.Bash("scripts/hierarchy.sh down", TimeSpan.FromMinutes(3));
            Assert.True(down.Code == 0, down.Output);
        }
        Assert.False(Directory.Exists(Folder));
        var after = ReadmeBlocks.Bash("scripts/hierarchy.sh status", TimeSpan.FromMinutes(1));
        Assert.Equal(3, after.Code);
    }
}
