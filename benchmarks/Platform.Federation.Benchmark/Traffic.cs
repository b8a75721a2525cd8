namespace Platform.Federation.Benchmark;

/// <summary>The texts the offices and units write: of the length real tasks and reports have.</summary>
public static class Traffic
{
    public static string TaskTitle(int number) =>
        $"第{number}项：健全依法决策机制，严格落实重大行政决策程序规定，推进行政决策科学化、民主化、法治化";

    public const string ReportText = "本单位已按要求推进，完成阶段性目标，相关材料已归档备查。";
}
