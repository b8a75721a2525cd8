using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Text;
using Platform.Planning.Module.Features.ImportPlanDocument;
using Platform.Planning.Module.Features.Units;
using Platform.Testing;

namespace Platform.Planning.Tests;

/// <summary>Bounded fuzz passes over the two imports: the key-points notice and the units CSV (corpus in Corpus/).</summary>
public sealed class ImportFuzzTests
{
    private static readonly KnownUnit[] Units =
    [
        new(new Guid("00000000-0000-7000-8000-000000000001"), "南通市司法局", ["市司法局"]),
        new(new Guid("00000000-0000-7000-8000-000000000002"), "南通市城市管理局", ["市城管局", "市执法局"]),
        new(new Guid("00000000-0000-7000-8000-000000000003"), "南通市交通运输综合行政执法支队", ["市执法局"]),
    ];

    private static readonly KnownUnitGroup[] Groups =
        [new(new Guid("00000000-0000-7000-8000-000000000010"), "市政府各部门", ["市各有关部门", "各部门"])];

    [Fact]
    public void The_notice_importer_reads_any_text_without_throwing() =>
        ParserFuzzing.Run(
            "Corpus/notices",
            bytes => new PlanDocumentParser(Units, Groups).Parse(TextDecoding.Decode(bytes)),
            error => false,
            tokens: ["一、", "（一）", "1.", "1、", "（", "）", "牵头单位：", "责任单位：", "配合单位：", "\n", "市执法局", "市政府各部门", "、", "；"]);

    [Fact]
    public async Task A_unit_list_joined_by_many_and_is_read_in_polynomial_time()
    {
        // Found by the fuzz pass: splitting at each 和 retried every tail, so 40 of them took longer than a day.
        var units = string.Join("和", Enumerable.Range(0, 40).Select(i => $"市第{i}委"));
        var notice = $"2026年全市法治政府建设工作要点\n一、健全政府机构职能体系\n1.规范信访工作秩序。（市信访局牵头，{units}配合）\n";
        var plan = await Task.Run(() => new PlanDocumentParser(Units, Groups).Parse(notice)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(Assert.Single(plan.Chapters).Tasks);

        // And a segment of hundreds of 和 (also found by the pass): only splits whose left part could be a name are tried.
        var longSegment = string.Concat(Enumerable.Repeat("市委政法委和市公安局\uFFFD", 400));
        var longNotice = $"2026年全市法治政府建设工作要点\n一、健全政府机构职能体系\n1.规范信访工作秩序。（市信访局牵头，{longSegment}配合）\n";
        plan = await Task.Run(() => new PlanDocumentParser(Units, Groups).Parse(longNotice)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(Assert.Single(plan.Chapters).Tasks);
    }

    [Fact]
    public async Task A_bracket_left_open_before_hundreds_of_closing_lines_is_read_in_one_pass()
    {
        // Found by the fuzz pass (CI, replay 14379160376731768875,13419650147233452643,18): a mutated notice whose
        // （此件公开发布） lost its closing bracket and was repeated 470 times. Every line after it continued the open
        // bracket, and each was joined by classifying the whole joined text again: seconds for 15 KB, so the pass's
        // 5 s bound failed on a loaded machine. The same tail ten times longer must still take a moment.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Corpus/notices/unclosed-bracket-at-the-end.txt"));
        var text = TextDecoding.Decode(bytes);
        var tail = text.IndexOf("（此件公开发市", StringComparison.Ordinal);
        var longer = text[..tail] + string.Concat(Enumerable.Repeat(text[tail..], 10));

        foreach (var notice in new[] { text, longer })
        {
            var plan = await Task.Run(() => new PlanDocumentParser(Units, Groups).Parse(notice)).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], plan.Chapters.SelectMany(c => c.Tasks).Select(t => t.Number));
            // The swallowed lines do not vanish: the closing, one joined line, is reported as not imported.
            var closing = Assert.Single(plan.Issues, i => i.Text.StartsWith("（此件公开发市人民政府办公室", StringComparison.Ordinal));
            Assert.EndsWith("（此件公开发布）", closing.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_units_csv_reader_refuses_any_file_only_with_a_validation_error() =>
        ParserFuzzing.Run(
            "Corpus/units-csv",
            bytes => ImportUnitsFeature.ReadRows(bytes),
            error => error is ValidationException { Violations: [{ Field: "content" }] },
            tokens: ["\"", "\"\"", ",", "\r\n", "\n", "；", ";", "政府", "部门", "320600", "名称", "类型", "行政区划代码"]);
}
