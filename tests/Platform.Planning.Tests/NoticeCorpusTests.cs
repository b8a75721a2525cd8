using System.Text;
using System.Text.Json;
using Platform.BuildingBlocks.Documents.Word;
using Platform.Planning.Module.Features.ImportPlanDocument;
using Xunit.Abstractions;

namespace Platform.Planning.Tests;

/// <summary>
/// Real notices as published on government pages (each with its source address), imported as a clerk would, against a
/// hand-written expectation: chapter titles with the section above them, tasks (the first words of each) and each task's
/// lead and co-operating units as printed. Samples/notices holds whole notices, from the heading to the last task and
/// the signature; Samples/notices/excerpts the start of longer notices, which the stored pages held only in part.
/// Prints accuracy per notice; titles, tasks and chapters must all be right, units 95%.
/// </summary>
public sealed class NoticeCorpusTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Samples", "notices");

    private static readonly string Excerpts = Path.Combine(Folder, "excerpts");

    private sealed record ExpectedTask(string Starts, string[] Lead, string[] Co);

    private sealed record ExpectedChapter(string Title, ExpectedTask[] Tasks, string? Section = null);

    private sealed record Expected(string? Title, ExpectedChapter[] Chapters);

    [Fact]
    public void Every_notice_of_the_corpus_imports_as_written_down_by_hand()
    {
        var whole = Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal).ToList();
        var files = whole.Concat(Directory.GetFiles(Excerpts, "*.txt").Order(StringComparer.Ordinal)).ToList();
        Assert.NotEmpty(whole);
        var (titlesRight, chaptersRight, chaptersAll, tasksRight, tasksAll, unitsRight, unitsAll) = (0, 0, 0, 0, 0, 0, 0);
        var report = new StringBuilder("notice | title | chapters | tasks | units\n");
        foreach (var file in files)
        {
            if (file == whole[0] || Path.GetDirectoryName(file) == Excerpts && Path.GetDirectoryName(files[files.IndexOf(file) - 1]) != Excerpts)
            {
                report.Append(file == whole[0] ? "-- whole notices\n" : "-- excerpts\n");
            }
            var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.ChangeExtension(file, ".json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            // The '#' header lines carry the source and the form; the rest is the page's text as sent.
            var lines = File.ReadAllLines(file);
            var header = lines.TakeWhile(l => l.StartsWith('#')).ToList();
            var body = lines.Skip(header.Count).ToList();
            var text = header.Contains("# form: docx") ? NoticeFile.ReadText(AsDocx(body), "content") : string.Join('\n', body);
            var plan = new PlanDocumentParser([], []).Parse(NoticeText.Normalize(text));
            var score = Score(expected, plan);
            report.Append(Path.GetFileNameWithoutExtension(file))
                .Append($" | {(score.TitleRight ? "right" : "wrong")} | {score.ChaptersRight}/{score.Chapters} | {score.TasksRight}/{score.Tasks} | {score.UnitsRight}/{score.Units}\n");
            foreach (var miss in score.Misses)
            {
                report.Append("    ").Append(miss).Append('\n');
            }
            (titlesRight, chaptersRight, chaptersAll, tasksRight, tasksAll, unitsRight, unitsAll) = (titlesRight + (score.TitleRight ? 1 : 0), chaptersRight + score.ChaptersRight,
                chaptersAll + score.Chapters, tasksRight + score.TasksRight, tasksAll + score.Tasks, unitsRight + score.UnitsRight, unitsAll + score.Units);
        }
        report.Append($"all | {titlesRight}/{files.Count} | {chaptersRight}/{chaptersAll} | {tasksRight}/{tasksAll} | {unitsRight}/{unitsAll}");
        output.WriteLine(report.ToString());

        Assert.True(titlesRight == files.Count && chaptersRight == chaptersAll && tasksRight == tasksAll && unitsRight * 100 >= unitsAll * 95, report.ToString());
    }

    /// <summary>The notice as a clerk saves it from the office's word processor: one paragraph per line of the page.</summary>
    private static byte[] AsDocx(IEnumerable<string> lines)
    {
        var builder = new OfficialDocumentBuilder("corpus notice", "test");
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                builder.Blank();
            }
            else
            {
                builder.Body(line);
            }
        }
        return builder.ToBytes();
    }

    private sealed record Scored(bool TitleRight, int ChaptersRight, int Chapters, int TasksRight, int Tasks, int UnitsRight, int Units, List<string> Misses);

    private static Scored Score(Expected expected, ImportedPlan plan)
    {
        var misses = new List<string>();
        // A null title means the page shows none: the importer must not make one of page chrome or a lead-in word.
        var titleRight = expected.Title == plan.Title;
        if (!titleRight)
        {
            misses.Add($"title: {plan.Title ?? "(none)"}");
        }
        var (chapters, tasks, units) = (0, 0, 0);
        var allExpected = expected.Chapters.SelectMany(c => c.Tasks).ToList();
        var allActual = plan.Chapters.SelectMany(c => c.Tasks).ToList();
        for (var i = 0; i < expected.Chapters.Length; i++)
        {
            var actual = i < plan.Chapters.Count ? plan.Chapters[i].Title : null;
            var section = i < plan.Chapters.Count ? plan.Chapters[i].Section : null;
            if (actual == expected.Chapters[i].Title && section == expected.Chapters[i].Section)
            {
                chapters++;
            }
            else
            {
                misses.Add($"chapter {i + 1}: {actual ?? "(missing)"} (section {section ?? "none"})");
            }
        }
        if (plan.Chapters.Count > expected.Chapters.Length)
        {
            misses.Add($"{plan.Chapters.Count - expected.Chapters.Length} extra chapter(s)");
            chapters -= plan.Chapters.Count - expected.Chapters.Length;
        }
        for (var i = 0; i < allExpected.Count; i++)
        {
            var want = allExpected[i];
            var got = i < allActual.Count ? allActual[i] : null;
            if (got is not null && got.Text.StartsWith(want.Starts, StringComparison.Ordinal))
            {
                tasks++;
            }
            else
            {
                misses.Add($"task {i + 1}: {got?.Text ?? "(missing)"}");
            }
            units += CountUnits(want.Lead, got?.LeadUnits, $"task {i + 1} lead", misses) + CountUnits(want.Co, got?.CoUnits, $"task {i + 1} co", misses);
        }
        if (allActual.Count > allExpected.Count)
        {
            misses.Add($"{allActual.Count - allExpected.Count} extra task(s): {allActual[allExpected.Count].Text}");
            tasks -= allActual.Count - allExpected.Count;
        }
        return new Scored(titleRight, Math.Max(chapters, 0), expected.Chapters.Length, Math.Max(tasks, 0), allExpected.Count, units,
            allExpected.Sum(t => t.Lead.Length + t.Co.Length), misses);
    }

    private static int CountUnits(string[] expected, IReadOnlyList<UnitReference>? actual, string what, List<string> misses)
    {
        var got = actual?.Select(u => u.Text).ToList() ?? [];
        var right = expected.Count(got.Contains);
        // A unit read that the notice does not name costs one right answer: the clerk would have to remove it.
        var wrong = got.Count(u => !expected.Contains(u));
        if (right < expected.Length || wrong > 0)
        {
            misses.Add($"{what}: [{string.Join("、", got)}]");
        }
        return Math.Max(right - wrong, 0);
    }
}
