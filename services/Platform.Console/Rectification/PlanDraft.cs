using System.Globalization;
using Platform.Contracts.Rectification.V1;

namespace Platform.WebConsole.Rectification;

/// <summary>
/// A unit's plan as typed in two boxes: one measure a line, and one milestone a line as
/// "2026-04-30 完成清理" (date first). A line without a readable date keeps its text and an empty
/// date, so the API names the milestone's missing date next to the box.
/// </summary>
public static class PlanDraft
{
    public static SubmitPlanRequest ToRequest(string itemId, string? measures, string? milestones)
    {
        var request = new SubmitPlanRequest { ItemId = itemId };
        request.Measures.AddRange(Lines(measures));
        request.Milestones.AddRange(Lines(milestones).Select(Milestone));
        return request;
    }

    /// <summary>Non-empty lines, trimmed.</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    public static Milestone Milestone(string line)
    {
        var space = line.IndexOfAny([' ', '\t', '　']);
        var head = space < 0 ? line : line[..space];
        // 2026-4-30 and 2026/4/30 are read too: people type dates both ways.
        return DateOnly.TryParseExact(head, ["yyyy-M-d", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? new Milestone { Due = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text = space < 0 ? "" : line[(space + 1)..].Trim() }
            : new Milestone { Due = "", Text = line };
    }
}
