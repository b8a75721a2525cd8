using BenchmarkDotNet.Attributes;
using Platform.Planning.Module.Features.ImportPlanDocument;

namespace Platform.MicroBenchmarks;

/// <summary>The notice importer over a real notice (Jilin Fuyu's inspection task notice, the whole notice with the most tasks in the planning samples).</summary>
[MemoryDiagnoser]
public class ImporterBenchmarks
{
    private string _text = string.Empty;
    private PlanDocumentParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Samples", "jilin-fuyu-inspection.txt");
        // The sample's '#' lines name its source; the notice starts after them.
        _text = string.Join('\n', File.ReadAllLines(path).SkipWhile(l => l.StartsWith('#')));
        _parser = new PlanDocumentParser(
            [new KnownUnit(Guid.NewGuid(), "扶余市人民政府", ["市政府"]), new KnownUnit(Guid.NewGuid(), "扶余市司法局", ["市司法局"])],
            [new KnownUnitGroup(Guid.NewGuid(), "各乡镇人民政府", ["各乡镇"])]);
    }

    [Benchmark]
    public int ParseNotice() => _parser.Parse(_text).Chapters.Sum(c => c.Tasks.Count);
}
