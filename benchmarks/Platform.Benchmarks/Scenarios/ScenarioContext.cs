using Platform.Benchmarks.Reporting;

namespace Platform.Benchmarks.Scenarios;

/// <summary>What a scenario is given and where it leaves its figures and its lines for the report.</summary>
public sealed class ScenarioContext(HarnessOptions options, TextWriter log)
{
    private readonly List<Figure> _figures = [];
    private readonly List<Section> _sections = [];
    private int _folders;

    public HarnessOptions Options => options;
    public TextWriter Log => log;
    public IReadOnlyList<Figure> Figures => _figures;
    public IReadOnlyList<Section> Sections => _sections;

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        log.WriteLine($"  {figure.Name} = {(figure.Value is { } v ? MarkdownReport.Format(v) : "not measured")} {figure.Unit}{(figure.Met is { } met ? (met ? " (met)" : $" (NOT MET, target {figure.Target})") : "")}");
    }

    public void Section(string title, IEnumerable<string> lines) => _sections.Add(new Section(title, lines.ToList()));

    /// <summary>A fresh folder for one node's data under the run's work folder.</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(options.WorkDirectory, $"{Interlocked.Increment(ref _folders):00}-{name}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        return folder;
    }
}
