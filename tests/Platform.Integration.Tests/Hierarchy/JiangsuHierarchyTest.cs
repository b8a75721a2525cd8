namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// A test class on its own five-node hierarchy: Jiangsu's province office, the Nantong and Suzhou city
/// offices, and the Chongchuan and Tongzhou county offices under Nantong, each a separate embedded node
/// process, all links enrolled and approved before the first test.
/// </summary>
public abstract class JiangsuHierarchyTest : IAsyncLifetime
{
    protected NodeHierarchy Hierarchy { get; } = new();
    protected NodeProcess Province { get; }
    protected NodeProcess Nantong { get; }
    protected NodeProcess Suzhou { get; }
    protected NodeProcess Chongchuan { get; }
    protected NodeProcess Tongzhou { get; }

    protected JiangsuHierarchyTest()
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
            // xunit does not dispose a class whose start failed: the started nodes would outlive the run.
            await Hierarchy.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await Hierarchy.DisposeAsync();
}
