using Xunit.Abstractions;
using Xunit.Sdk;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// Five embedded node processes joined as one hierarchy: Jiangsu's province office, the Nantong and Suzhou city
/// offices, and the Chongchuan and Tongzhou county offices under Nantong, all links enrolled and approved once for
/// the scenarios of <see cref="JiangsuHierarchyTests"/> (starting and joining five nodes costs more CPU than any
/// one scenario on a 2-core machine).
/// </summary>
public sealed class JiangsuHierarchy : IAsyncLifetime
{
    public NodeHierarchy Hierarchy { get; } = new();
    public NodeProcess Province { get; }
    public NodeProcess Nantong { get; }
    public NodeProcess Suzhou { get; }
    public NodeProcess Chongchuan { get; }
    public NodeProcess Tongzhou { get; }

    public JiangsuHierarchy()
    {
        Province = Hierarchy.Add("js-province", "Province", "320000", "江苏省委全面依法治省委员会办公室");
        Nantong = Hierarchy.Add("nt-city", "City", "320600", "南通市委全面依法治市委员会办公室");
        Suzhou = Hierarchy.Add("sz-city", "City", "320500", "苏州市委全面依法治市委员会办公室");
        Chongchuan = Hierarchy.Add("cc-county", "County", "320602", "崇川区委全面依法治区委员会办公室");
        Tongzhou = Hierarchy.Add("tz-county", "County", "320612", "通州区委全面依法治区委员会办公室");
    }

    public async Task InitializeAsync()
    {
        try
        {
            await Hierarchy.StartAllAsync();
            await Task.WhenAll(
                NodeHierarchy.JoinAsync(Province, Nantong),
                NodeHierarchy.JoinAsync(Province, Suzhou),
                NodeHierarchy.JoinAsync(Nantong, Chongchuan),
                NodeHierarchy.JoinAsync(Nantong, Tongzhou));
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: the started nodes would outlive the run.
            await Hierarchy.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await Hierarchy.DisposeAsync();
}

/// <summary>
/// The scenarios on the shared five-node hierarchy (one file each: the links and a revocation, the task flows, the
/// campaigns). They run in their <see cref="StepAttribute"/> order: each leaves every node running and every backlog
/// drained, and the revocation, which no later scenario could live with, comes last. Each makes its own units,
/// plans and campaigns and asserts on its own data.
/// </summary>
[Collection(HierarchyCollection.Name)]
[TestCaseOrderer("Platform.Integration.Tests.Hierarchy.StepOrderer", "Platform.Integration.Tests")]
public sealed partial class JiangsuHierarchyTests(JiangsuHierarchy nodes) : IClassFixture<JiangsuHierarchy>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    private NodeHierarchy Hierarchy => nodes.Hierarchy;
    private NodeProcess Province => nodes.Province;
    private NodeProcess Nantong => nodes.Nantong;
    private NodeProcess Suzhou => nodes.Suzhou;
    private NodeProcess Chongchuan => nodes.Chongchuan;
    private NodeProcess Tongzhou => nodes.Tongzhou;

    private static Task Until(Func<Task<bool>> condition, string what) =>
        Eventually.GetAsync<object>(async () => await condition() ? true : null, Timeout, what);
}

/// <summary>The place of a test in its class's sequence (<see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int step) : Attribute
{
    public int Step { get; } = step;
}

/// <summary>Runs a class's tests by their <see cref="StepAttribute"/>, lowest first; a test without one runs first.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method
                .GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
                .Select(a => (int)a.GetConstructorArguments().Single())
                .DefaultIfEmpty(0).First())
            .ThenBy(testCase => testCase.TestMethod.Method.Name, StringComparer.Ordinal);
}
