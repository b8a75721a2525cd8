using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// Reads the plain text of an annual key-task notice (工作要点) into a draft plan. Every non-blank line after the
/// preamble ends up in a chapter title, a task text, a unit list or <see cref="ImportedPlan.Issues"/>: the clerk
/// fixes what the issues list before issuing, so nothing may vanish on the way.
/// </summary>
public sealed partial class PlanDocumentParser
{
    private const string SentenceEnd = "。；;.！!？?";
    private const string ListSeparators = "、，,；;";

    private readonly IReadOnlyList<KnownUnit> _units;
    private readonly IReadOnlyList<KnownUnitGroup> _groups;
    private readonly UnmarkedUnitRule _nodeRule;

    /// <param name="nodeRule">How unit lists with no role are read when the notice states no convention of its own.</param>
    public PlanDocumentParser(IReadOnlyList<KnownUnit> units, IReadOnlyList<KnownUnitGroup> groups, UnmarkedUnitRule nodeRule = UnmarkedUnitRule.FirstLeads)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(groups);
        (_units, _groups, _nodeRule) = (units, groups, nodeRule);
    }

    public ImportedPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rule = NoticeRule(text) ?? new NoticeUnitRule(_nodeRule, FromNotice: false, Quote: null);
        return new Run(new UnitMatcher(_units, _groups, rule.Rule), ReadLines(text), rule).Execute();
    }

    /// <summary>The notice's own convention, where it states one (often in the covering letter or a note under the list).</summary>
    private static NoticeUnitRule? NoticeRule(string text)
    {
        var stated = StatedFirstLeads().Match(text);
        if (stated.Success)
        {
            return new NoticeUnitRule(UnmarkedUnitRule.FirstLeads, FromNotice: true, stated.Value);
        }
        stated = StatedAllLead().Match(text);
        return stated.Success ? new NoticeUnitRule(UnmarkedUnitRule.AllLead, FromNotice: true, stated.Value) : null;
    }

    private enum LineKind
    {
        Plain,
        Chapter,
        SubHeading,
        DotTask,
        ParenTask,
        UnitLabel,
        PageNumber,

        /// <summary>A web page's breadcrumb, navigation, date/source or share line around the notice.</summary>
        Chrome,
    }

    private enum TaskStyle
    {
        /// <summary>1. 1． 1、</summary>
        Dot,

        /// <summary>（1） (1)</summary>
        Paren,

        /// <summary>（一）: a sub-heading unless it proves to be a task.</summary>
        Chinese,
    }

    /// <summary>A non-blank line, trimmed; Item and Body are the printed number and the text after it.</summary>
    private sealed record Line(int Number, string Text, LineKind Kind, int Item, string Body);

    private sealed record UnitSource(Line Line, string Content);

    private sealed record Trailing(UnitList Units, Line Line, string TextWithout);

    private static List<Line> ReadLines(string text)
    {
        var lines = new List<Line>();
        // The last line while it leaves a round bracket open: the lines that continue the bracket are appended here
        // and the whole is classified once it closes (or something else starts), so a bracket never closed costs
        // one pass over the text, not one per line it swallows (a fuzz input of 470 such lines took seconds).
        StringBuilder? open = null;
        var openNumber = 0;
        var openDepth = 0;
        void CloseOpen()
        {
            if (open is not null)
            {
                lines.Add(Classify(openNumber, open.ToString()));
                open = null;
            }
        }

        var number = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\n' or '\r' or '\u2028' or '\u2029'))
            {
                continue;
            }
            var trimmed = Trim(text.AsSpan(start, i - start));
            // Some reposts (forum archives) run a notice's paragraphs together on one line, separated by spaces only:
            // a heading or a task number after a space starts a line of its own again.
            foreach (var piece in RunOnItem().Split(trimmed.ToString()))
            {
                if (piece.Length == 0)
                {
                    continue;
                }
                var line = Classify(number, piece);
                if (open is not null && line.Kind is LineKind.Plain or LineKind.UnitLabel)
                {
                    // Text copied from a PDF (or read from one) breaks lines where the page wrapped them, also inside a
                    // unit bracket: "（牵头单位：市财政局；" / "责任单位：市政府各部门）" is one bracket, not a label line.
                    open.Append(piece);
                    openDepth += BracketDepth(piece);
                    if (openDepth <= 0)
                    {
                        CloseOpen();
                    }
                    continue;
                }
                CloseOpen();
                if (BracketDepth(piece) is > 0 and var depth)
                {
                    (open, openNumber, openDepth) = (new StringBuilder(piece), number, depth);
                }
                else
                {
                    lines.Add(line);
                }
            }
            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i++;
            }
            number++;
            start = i + 1;
        }
        CloseOpen();
        return lines;
    }

    /// <summary>Round brackets opened minus closed; above zero, the line leaves a bracket open.</summary>
    private static int BracketDepth(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c switch
            {
                '（' or '(' => 1,
                '）' or ')' => -1,
                _ => 0,
            };
        }
        return depth;
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        static bool Blank(char c) => char.IsWhiteSpace(c) || c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D';
        var start = 0;
        var end = text.Length;
        while (start < end && Blank(text[start]))
        {
            start++;
        }
        while (end > start && Blank(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    private static Line Classify(int number, string text)
    {
        Match match;
        if ((match = ChapterHeading().Match(text)).Success && TryParseChineseNumber(match.Groups["num"].Value, out var chapter))
        {
            return new Line(number, text, LineKind.Chapter, chapter, match.Groups["text"].Value.Trim());
        }
        if ((match = ChineseItem().Match(text)).Success && TryParseChineseNumber(match.Groups["num"].Value, out var section))
        {
            return new Line(number, text, LineKind.SubHeading, section, match.Groups["text"].Value.Trim());
        }
        if ((match = DotItem().Match(text)).Success)
        {
            return new Line(number, text, LineKind.DotTask, ParseDigits(match.Groups["num"].Value), match.Groups["text"].Value.Trim());
        }
        if ((match = ParenItem().Match(text)).Success)
        {
            return new Line(number, text, LineKind.ParenTask, ParseDigits(match.Groups["num"].Value), match.Groups["text"].Value.Trim());
        }
        if (UnitLabelLine().IsMatch(text))
        {
            return new Line(number, text, LineKind.UnitLabel, 0, text);
        }
        if (PageNumberLine().IsMatch(text))
        {
            return new Line(number, text, LineKind.PageNumber, 0, text);
        }
        if (ChromeLine().IsMatch(text))
        {
            return new Line(number, text, LineKind.Chrome, 0, text);
        }
        return new Line(number, text, LineKind.Plain, 0, text);
    }

    private static int ParseDigits(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c >= '０' ? c - '０' : c - '0');
        }
        return value;
    }

    /// <summary>一 to 九十九; headings never go further.</summary>
    private static bool TryParseChineseNumber(string text, out int value)
    {
        const string Digits = "一二三四五六七八九";
        value = 0;
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            value = text.Length == 1 ? Digits.IndexOf(text[0], StringComparison.Ordinal) + 1 : 0;
            return value > 0;
        }
        if (ten > 1 || text.Length - ten > 2)
        {
            return false;
        }
        var tens = ten == 0 ? 1 : Digits.IndexOf(text[0], StringComparison.Ordinal) + 1;
        var ones = ten == text.Length - 1 ? 0 : Digits.IndexOf(text[ten + 1], StringComparison.Ordinal) + 1;
        if (tens == 0 || (ten < text.Length - 1 && ones == 0))
        {
            return false;
        }
        value = (tens * 10) + ones;
        return true;
    }

    /// <summary>Finds the bracket group that ends the text (a 。 after it allowed), nested brackets included.</summary>
    private static bool TryFindTrailingGroup(string text, out int open, out int close)
    {
        open = close = -1;
        var end = text.Length;
        while (end > 0 && (SentenceEnd.Contains(text[end - 1], StringComparison.Ordinal) || char.IsWhiteSpace(text[end - 1])))
        {
            end--;
        }
        if (end == 0 || !UnitListParser.IsCloseBracket(text[end - 1]))
        {
            return false;
        }
        close = end - 1;
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            if (UnitListParser.IsCloseBracket(text[i]))
            {
                depth++;
            }
            else if (UnitListParser.IsOpenBracket(text[i]) && --depth == 0)
            {
                open = i;
                return true;
            }
        }
        return false;
    }

    /// <summary>The inside of a line that is one bracket group as a whole, such as （市司法局牵头）.</summary>
    private static string? WholeBracketContent(string text)
    {
        if (text.Length < 2 || !UnitListParser.IsOpenBracket(text[0]) || !TryFindTrailingGroup(text, out var open, out var close) || open != 0)
        {
            return null;
        }
        return text[1..close];
    }

    private static bool EndsWithAny(string text, string characters) =>
        text.Length > 0 && characters.Contains(text[^1], StringComparison.Ordinal);

    private static bool IsSignatureLike(string text) =>
        SignatureLine().IsMatch(text) && UnitListParser.IsUnitLike(text);

    private sealed class ChapterBuilder(int number, string title)
    {
        public int Number { get; } = number;

        public string Title { get; set; } = title;

        public List<TaskBuilder> Tasks { get; } = [];
    }

    private sealed class TaskBuilder(Line first, TaskStyle style)
    {
        private readonly List<(int Offset, Line Line)> _parts = [];
        private readonly StringBuilder _text = new();

        public Line First { get; } = first;

        public TaskStyle Style { get; } = style;

        public IEnumerable<Line> Lines => _parts.Select(p => p.Line);

        public List<UnitSource> UnitSources { get; } = [];

        public Trailing? Trailing { get; private set; }

        /// <summary>Units have been read for it: later plain lines no longer continue its text.</summary>
        public bool Closed { get; set; }

        /// <summary>Reading （1）（2） items that enumerate the points of a "1." task ending in a colon.</summary>
        public bool InSubItems { get; set; }

        public bool HasUnits => Trailing is not null || UnitSources.Count > 0;

        public string Text => Trailing?.TextWithout ?? _text.ToString();

        public bool EndsWithColon => EndsWithAny(_text.ToString(), "：:");

        public void Append(Line line, string text, UnitMatcher matcher)
        {
            // Chinese lines join without a space; only two Latin words or numbers split by a line break need one.
            if (_text.Length > 0 && text.Length > 0 && char.IsAsciiLetterOrDigit(_text[^1]) && char.IsAsciiLetterOrDigit(text[0]))
            {
                _text.Append(' ');
            }
            _parts.Add((_text.Length, line));
            _text.Append(text);
            Refresh(matcher);
        }

        private void Refresh(UnitMatcher matcher)
        {
            var text = _text.ToString();
            if (!TryFindTrailingGroup(text, out var open, out var close))
            {
                return;
            }
            var units = UnitListParser.Parse(text[(open + 1)..close], matcher);
            if (!UnitListParser.LooksLikeUnitList(units, matcher))
            {
                return;
            }
            var before = text[..open].TrimEnd();
            var after = text[(close + 1)..].Trim();
            var without = EndsWithAny(before, SentenceEnd) ? before : before + after;
            Trailing = new Trailing(units, _parts.Last(p => p.Offset <= open).Line, without);
            Closed = true;
        }
    }

    private sealed class UnitLineBuilder(Line line, TaskBuilder task, string content)
    {
        private readonly StringBuilder _content = new(content);

        public TaskBuilder Task { get; } = task;

        public bool ExpectsMore => EndsWithAny(_content.ToString().TrimEnd(), ListSeparators);

        public void Append(string text) => _content.Append(text);

        public UnitSource ToSource() => new(line, _content.ToString());
    }

    private sealed class Run(UnitMatcher matcher, List<Line> lines, NoticeUnitRule rule)
    {
        private readonly List<ImportIssue> _issues = [];
        private readonly List<ImportedChapter> _chapters = [];
        private ChapterBuilder? _chapter;
        private TaskBuilder? _task;
        private UnitLineBuilder? _unitLine;
        private int _previousChapter;
        private int _previousTask;
        private bool _reporting;

        public ImportedPlan Execute()
        {
            var bodyStart = lines.FindIndex(l => l.Kind is LineKind.Chapter or LineKind.SubHeading or LineKind.DotTask or LineKind.ParenTask);
            var title = FindTitle(bodyStart < 0 ? lines : lines.Take(bodyStart).ToList());
            _reporting = title is not null && ReportingNotice().IsMatch(title);
            if (bodyStart < 0)
            {
                _issues.Add(new ImportIssue(0, string.Empty, "未找到部分标题或编号任务，未导入任何任务"));
                return new ImportedPlan(title, [], _issues, rule);
            }

            var closingStart = FindClosingStart(bodyStart);
            for (var i = bodyStart; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.Kind == LineKind.PageNumber)
                {
                    // Page footers of a converted Word file sit inside tasks; they must not end or split one.
                    Report(line, "页码，未导入");
                    continue;
                }
                if (line.Kind == LineKind.Chrome)
                {
                    Report(line, "网页导航或页面信息，未导入");
                    continue;
                }
                if (i >= closingStart)
                {
                    FlushUnitLine();
                    Report(line, "文末落款或日期，未导入");
                    continue;
                }
                switch (line.Kind)
                {
                    case LineKind.Chapter when IsSentenceSection(line):
                        StartSentenceTask(line);
                        break;
                    case LineKind.Chapter:
                        StartChapter(line);
                        break;
                    case LineKind.SubHeading:
                        StartTask(line, TaskStyle.Chinese);
                        break;
                    case LineKind.DotTask:
                        StartTask(line, TaskStyle.Dot);
                        break;
                    case LineKind.ParenTask:
                        if (_task is { Closed: false, Style: TaskStyle.Dot } open && (open.InSubItems || (line.Item == 1 && open.EndsWithColon)))
                        {
                            open.InSubItems = true;
                            open.Append(line, line.Text, matcher);
                        }
                        else
                        {
                            StartTask(line, TaskStyle.Paren);
                        }
                        break;
                    case LineKind.UnitLabel:
                        StartUnitLine(line);
                        break;
                    default:
                        Plain(line);
                        break;
                }
            }
            FlushUnitLine();
            EndChapter();
            return new ImportedPlan(title, _chapters, _issues.OrderBy(issue => issue.Line).ToList(), rule);
        }

        private void StartChapter(Line line)
        {
            FlushUnitLine();
            EndChapter();
            if (_previousChapter > 0 && line.Item != _previousChapter + 1)
            {
                Report(line, $"部分序号不连续：上一部分序号为{_previousChapter}");
            }
            _previousChapter = line.Item;
            _chapter = new ChapterBuilder(line.Item, line.Body);
        }

        /// <summary>
        /// A short notice often numbers its instructions 一、二、 with the sentence on the heading's line and nothing under it
        /// (一、各村干部要全员上路，巡查辖区主要道路。): those are its tasks, not headings. A heading names a subject and
        /// has no full stop.
        /// </summary>
        private static bool IsSentenceSection(Line line) =>
            line.Body.Length >= 10 && line.Body.AsSpan().IndexOfAny("。！!") >= 0 && !NonTaskSection().IsMatch(line.Body);

        private void StartSentenceTask(Line line)
        {
            if (_chapter is { Number: > 0 })
            {
                FlushUnitLine();
                EndChapter();
            }
            StartTask(line, TaskStyle.Dot);
        }

        private void StartTask(Line line, TaskStyle style)
        {
            FlushUnitLine();
            // Tasks printed before any chapter heading (a plan without chapters) go to an untitled chapter 0.
            _chapter ??= new ChapterBuilder(0, string.Empty);
            _task = new TaskBuilder(line, style);
            _task.Append(line, line.Body, matcher);
            _chapter.Tasks.Add(_task);
        }

        private void StartUnitLine(Line line)
        {
            FlushUnitLine();
            if (_task is null)
            {
                Report(line, "责任单位行之前没有对应的任务，未导入");
                return;
            }
            var text = line.Text;
            if (WholeBracketContent(text) is { } inner)
            {
                text = inner;
            }
            _unitLine = new UnitLineBuilder(line, _task, text.TrimEnd('。', '；', ';'));
            _task.Closed = true;
        }

        private void FlushUnitLine()
        {
            if (_unitLine is not null)
            {
                _unitLine.Task.UnitSources.Add(_unitLine.ToSource());
                _unitLine = null;
            }
        }

        private void Plain(Line line)
        {
            if (_unitLine is { ExpectsMore: true })
            {
                _unitLine.Append(line.Text.TrimEnd('。', '；', ';'));
                return;
            }
            FlushUnitLine();
            if (_task is not null && WholeBracketContent(line.Text) is { } inner
                && UnitListParser.LooksLikeUnitList(UnitListParser.Parse(inner, matcher), matcher))
            {
                _task.UnitSources.Add(new UnitSource(line, inner));
                _task.Closed = true;
                return;
            }
            if (_task is { Closed: false })
            {
                _task.Append(line, line.Text, matcher);
                return;
            }
            if (_task is null && _chapter is { Title.Length: 0, Number: > 0 })
            {
                // A heading whose words were put on the line after the number.
                _chapter.Title = line.Text;
                return;
            }
            Report(line, _task is null && _chapter is not null ? "部分标题后的说明文字，未导入" : "未归入任何任务的文字");
        }

        private void EndChapter()
        {
            if (_chapter is null)
            {
                return;
            }
            if (NonTaskSection().IsMatch(_chapter.Title))
            {
                // 指导思想, 总体要求, 保障措施…: prose (and its own （一）（二）) that nobody reports progress on.
                foreach (var line in _chapter.Tasks.SelectMany(t => t.Lines).Concat(_chapter.Tasks.SelectMany(t => t.UnitSources.Select(u => u.Line))))
                {
                    Report(line, "非任务部分（指导思想、总体要求、保障措施等），未导入");
                }
                _chapter = null;
                _task = null;
                return;
            }
            // （一） lines are the chapters where the section also has numbered tasks (一、 section, （一） chapter, 1. task),
            // and the tasks themselves where it has none.
            var hasNumbered = _chapter.Tasks.Any(t => t.Style != TaskStyle.Chinese);
            var section = _chapter.Title.Length == 0 ? null : _chapter.Title;
            var title = _chapter.Title;
            var number = _chapter.Number;
            var tasks = new List<ImportedTask>();
            var split = false;
            foreach (var builder in _chapter.Tasks)
            {
                if (builder.Style == TaskStyle.Chinese && hasNumbered && !builder.HasUnits)
                {
                    if (tasks.Count > 0 || split)
                    {
                        AddChapter(number, title, tasks, split ? section : null);
                    }
                    split = true;
                    number = builder.First.Item;
                    title = builder.First.Body.TrimEnd('。');
                    tasks = [];
                    foreach (var line in builder.Lines.Skip(1))
                    {
                        Report(line, "分项标题后的说明文字，未导入");
                    }
                    continue;
                }
                if (_reporting && !builder.HasUnits)
                {
                    // 单位末位排名 / 整改完成情况 1、2、3、 / 征集方式 1.信函投递: what a 通报, 公示 or 公告 found, did or
                    // asks of the public, not work to assign.
                    foreach (var line in builder.Lines)
                    {
                        Report(line, "通报、公示或公告所列事项（未列责任单位），未作为任务导入");
                    }
                    continue;
                }
                var taskNumber = builder.First.Item;
                if (taskNumber != _previousTask + 1 && !(tasks.Count == 0 && taskNumber == 1))
                {
                    Report(builder.First, _previousTask == 0 ? "任务序号不连续：应从1开始" : $"任务序号不连续：上一项序号为{_previousTask}");
                }
                _previousTask = taskNumber;
                tasks.Add(BuildTask(builder));
            }
            if (tasks.Count > 0 || !split)
            {
                AddChapter(number, title, tasks, split ? section : null);
            }
            _chapter = null;
            _task = null;
        }

        /// <summary>Number is the heading's printed number: 二 for 二、, 1 for （一）.</summary>
        private void AddChapter(int number, string title, List<ImportedTask> tasks, string? section)
        {
            // A section that only introduces its chapters (一、工作任务) or a heading with prose only holds no task, nor does
            // the untitled chapter of a 通报 whose items were all findings.
            if (tasks.Count == 0)
            {
                return;
            }
            _chapters.Add(new ImportedChapter(number, title, tasks, section));
        }

        private ImportedTask BuildTask(TaskBuilder builder)
        {
            var leads = new List<UnitReference>();
            var coUnits = new List<UnitReference>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (builder.Trailing is { } trailing)
            {
                AddUnits(trailing.Units, trailing.Line, leads, coUnits, seen);
            }
            foreach (var source in builder.UnitSources)
            {
                AddUnits(UnitListParser.Parse(source.Content, matcher), source.Line, leads, coUnits, seen);
            }
            if (leads.Count == 0)
            {
                Report(builder.First, coUnits.Count == 0 ? "未找到责任单位" : "未找到牵头单位");
            }
            return new ImportedTask(builder.First.Item, builder.Text, leads, coUnits, builder.First.Number);
        }

        private void AddUnits(UnitList list, Line line, List<UnitReference> leads, List<UnitReference> coUnits, HashSet<string> seen)
        {
            foreach (var limit in list.TimeLimits)
            {
                Report(line, $"未导入的完成时限：{limit}");
            }
            foreach (var unit in list.Units)
            {
                var match = matcher.Match(unit.Text);
                var reference = new UnitReference(unit.Text, match.UnitId, match.GroupId, match.Kind == UnitMatchKind.Ambiguous);
                if (match.Kind == UnitMatchKind.Unknown)
                {
                    Report(line, $"未识别的责任单位：{unit.Text}");
                }
                else if (match.Kind == UnitMatchKind.Ambiguous)
                {
                    Report(line, $"责任单位“{unit.Text}”对应多个单位（{string.Join("、", match.Candidates)}），请人工指定");
                }
                // A unit printed twice (e.g. as lead and again among the co-units) is kept once, where it first appeared.
                var key = match.UnitId?.ToString() ?? match.GroupId?.ToString() ?? "?" + UnitMatcher.Normalize(unit.Text);
                if (seen.Add(key))
                {
                    (unit.Role == UnitRole.Lead ? leads : coUnits).Add(reference);
                }
            }
        }

        private void Report(Line line, string problem) => _issues.Add(new ImportIssue(line.Number, line.Text, problem));

        /// <summary>
        /// The signature block: the date (or 抄送/附件/此件 lines) at the very end, with the issuer lines just above it.
        /// Without a date or such a line nothing is treated as a signature, so a short last line stays with its task.
        /// </summary>
        private int FindClosingStart(int bodyStart)
        {
            var top = lines.Count;
            var anchored = false;
            // Down to the first numbered line itself: a notice whose only numbered lines name its attachments has no task.
            for (var i = lines.Count - 1; i >= bodyStart; i--)
            {
                var line = lines[i];
                if (line.Kind is LineKind.DotTask or LineKind.ParenTask && AttachmentListStart(i) is { } attachments)
                {
                    // 附：1、…细则.docx / 2、…任务.docx: the numbered names of the attachments, not tasks.
                    anchored = true;
                    top = attachments;
                    i = attachments;
                    continue;
                }
                if (line.Kind is not (LineKind.Plain or LineKind.PageNumber or LineKind.Chrome))
                {
                    break;
                }
                if (DateLine().IsMatch(line.Text) || ClosingLine().IsMatch(line.Text)
                    || (i == lines.Count - 1 && i > 0 && IsSignatureLike(line.Text) && IssuerEnding().IsMatch(line.Text) && EndsWithAny(lines[i - 1].Text, "。！!）)")))
                {
                    // The last line alone may be the issuer's name when the text above it ends a sentence or a unit bracket
                    // (no date under it).
                    anchored = true;
                }
                else if (line.Kind is not (LineKind.PageNumber or LineKind.Chrome)
                    && (!IsSignatureLike(line.Text) || EndsWithAny(lines[i - 1].Text, ListSeparators)))
                {
                    // Not a signature, or the wrapped end of a unit list such as "配合单位：市财政局、".
                    break;
                }
                top = i;
            }
            return anchored ? top : lines.Count;
        }

        /// <summary>A heading set alone in 《》 (a repost's way of naming the document), which may run longer than a plain line.</summary>
        private static bool IsWholeQuote(string text) =>
            text.Length <= 120 && QuotedTitle().Match(text) is { Success: true } quoted && quoted.Length == text.Length;

        /// <summary>The index of the 附件： line that numbered line i continues, if it is part of an attachment list.</summary>
        private int? AttachmentListStart(int i)
        {
            var j = i;
            while (j >= 0 && lines[j].Kind is LineKind.DotTask or LineKind.ParenTask)
            {
                j--;
            }
            return j >= 0 && AttachmentLine().IsMatch(lines[j].Text) ? j : null;
        }

        /// <summary>
        /// The title is usually the first line, but a 印发 notice wraps the plan: its own heading, number and signature come
        /// first and the plan's title follows. So a page's index row naming the document wins, then the last short
        /// heading-like preamble line naming a plan, then a 《plan》 set alone or issued by a notice heading, then the first
        /// line above the addressees that names a kind of document, then the first such line at all.
        /// </summary>
        private static string? FindTitle(IReadOnlyList<Line> preamble)
        {
            foreach (var line in preamble)
            {
                var row = IndexTitleRow().Match(line.Text);
                if (row.Success)
                {
                    return Unwrapped(row.Groups["title"].Value.Trim());
                }
            }
            var candidates = preamble
                .Where(l => l.Kind is not (LineKind.PageNumber or LineKind.Chrome) && (l.Text.Length <= 60 || IsWholeQuote(l.Text)) && !EndsWithAny(l.Text, "。：:；;，,")
                    && !DocumentNumber().IsMatch(l.Text) && !DateLine().IsMatch(l.Text) && !AttachmentLine().IsMatch(l.Text)
                    && !l.Text.Contains('|', StringComparison.Ordinal))
                .ToList();
            var standalone = candidates.LastOrDefault(l => TitleKeyword().IsMatch(l.Text)
                && !l.Text.Contains("通知", StringComparison.Ordinal) && !l.Text.StartsWith("关于", StringComparison.Ordinal));
            if (standalone is not null)
            {
                // A newspaper sets the plan's name on a line of its own inside 《》.
                var whole = QuotedTitle().Match(standalone.Text);
                return whole.Success && whole.Length == standalone.Text.Length ? whole.Groups["title"].Value : standalone.Text;
            }
            foreach (var line in candidates)
            {
                // Only a name quoted as the whole line, or the plan a notice issues: 《政府工作报告》 inside a longer heading
                // is part of that heading's name.
                var quoted = QuotedTitle().Match(line.Text);
                var whole = quoted.Success && quoted.Length == line.Text.Length;
                if (quoted.Success && (TitleKeyword().IsMatch(quoted.Groups["title"].Value) && (whole || IssuingNotice().IsMatch(line.Text))
                    || (whole && DocumentKindEnding().IsMatch(quoted.Groups["title"].Value))))
                {
                    return Unwrapped(quoted.Length == line.Text.Length ? quoted.Groups["title"].Value : line.Text);
                }
            }
            // The addressees (各区人民政府，市政府各部门：) end the heading: below them come the notice's text and its issuer.
            var salutation = preamble.FirstOrDefault(l => SalutationLine().IsMatch(l.Text) && !UnitLabelLine().IsMatch(l.Text));
            var heading = salutation is null ? candidates : candidates.Where(l => l.Number < salutation.Number).ToList();
            var named = heading.FirstOrDefault(l => DocumentKindEnding().IsMatch(l.Text)) ?? heading.FirstOrDefault();
            return named is null ? null : Unwrapped(named.Text);
        }

        /// <summary>
        /// The plan inside a 印发 notice's own name: reposts quote the whole notice (《…关于印发〈X〉的通知》), and the
        /// clerk's plan is X, not the covering letter.
        /// </summary>
        private static string Unwrapped(string title)
        {
            var inner = IssuingNotice().Match(title);
            return inner.Success ? inner.Groups["title"].Value : title;
        }
    }

    [GeneratedRegex(@"^(?:第(?<num>[一二三四五六七八九十]{1,3})部分\s*[、．.：:]?|(?<num>[一二三四五六七八九十]{1,3})\s*[、．.])\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterHeading();

    [GeneratedRegex(@"^[（(]\s*(?<num>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseItem();

    // The look-ahead keeps a line that starts with a decimal such as 3.5万件 from becoming task 3, while a task that
    // starts with a year (3.2026年6月底前…) is still one.
    [GeneratedRegex(@"^(?<num>[0-9０-９]{1,3})\s*(?:、|[.．](?![0-9０-９](?![0-9０-９]{3}\s*年)))\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DotItem();

    [GeneratedRegex(@"^[（(]\s*(?<num>[0-9０-９]{1,3})\s*[）)]\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParenItem();

    // A full label may be followed by a semicolon typed for the colon (（责任单位;住建局、畜牧局）), a bare 牵头/配合 only by a colon.
    [GeneratedRegex(@"^[（(【\[]?\s*(?:(?:牵头单位|牵头部门|主办单位|主责单位|责任单位|责任部门|实施单位|承办单位|配合单位|配合部门|协办单位|协同单位|参与单位)\s*[:：;；]|(?:牵头|配合)\s*[:：])", RegexOptions.CultureInvariant)]
    private static partial Regex UnitLabelLine();

    [GeneratedRegex(@"^(?=.*[—\-－–─])[—\-－–─\s]*[0-9０-９]{1,3}[—\-－–─\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumberLine();

    [GeneratedRegex(@"^[^。，；,;]{0,40}?(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:印发|发布)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(?:[（(]\s*此件|此件|抄送|抄报|主送|附件|附表?\s*[:：]|联系人|联系电话)", RegexOptions.CultureInvariant)]
    private static partial Regex ClosingLine();

    /// <summary>The line that opens a notice's list of attachments (附件：1.… / 附：1、…docx).</summary>
    [GeneratedRegex(@"^附(?:件|表)?\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentLine();

    // Whitespace before 一、 / （一） / 1. 1、 (not a decimal such as 3.5): the paragraph break of a run-together page.
    [GeneratedRegex(@"\s+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}(?:、|[.．](?![0-9０-９])))\S)", RegexOptions.CultureInvariant)]
    private static partial Regex RunOnItem();

    /// <summary>The addressees above a notice's text (各区人民政府，市政府各部门：): what follows is the notice, not its title.</summary>
    [GeneratedRegex(@"^(?:各|.*(?:人民政府|政府|部门|单位|机构|办事处|管委会|委员会|党支部|村(?:（社区）)?))[^。]{0,120}[:：]$", RegexOptions.CultureInvariant)]
    private static partial Regex SalutationLine();

    /// <summary>A page's index table row naming the document: 文件名称 | X | or 标 题 | X |.</summary>
    [GeneratedRegex(@"^(?:文件名称|标\s*题|名\s*称)\s*[|｜:：]\s*(?<title>[^|｜]{4,80}?)\s*(?:[|｜]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex IndexTitleRow();

    /// <summary>The kind of document a heading names, at its end: what a title looks like when no plan is named.</summary>
    [GeneratedRegex("(?:通知|通报|意见|决定|办法|纪要|公告|公示|说明|方案|要点|计划|安排|规划|报告|清单)$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentKindEnding();

    /// <summary>
    /// A 通报 or 公示 reports what was found or done, a 公告 tells the public: their numbered items are tasks only where
    /// they assign units.
    /// </summary>
    [GeneratedRegex("(?:通报|公告|公示(?:情况)?(?:说明)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportingNotice();

    /// <summary>The issuer's name alone on the last line, such as 中山镇人民政府 or 县政府办公室.</summary>
    [GeneratedRegex("(?:人民政府|政府|办公室|办公厅|委员会|局|办|中心|党委|党工委|督查室)$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerEnding();

    [GeneratedRegex(@"^[^。，；：、,;:！？!?（）()《》“”""0-9０-９]{2,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SignatureLine();

    [GeneratedRegex(@"〔\s*[0-9０-９]{4}\s*〕|\[\s*[0-9]{4}\s*\]|［\s*[0-9０-９]{4}\s*］", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"^(?:当前位置|您?当前所在位置|您当前的位置|您的位置|您所在的位置|首页\s*[>＞]|.*[>＞]\s*正文$)|(?:发布日期|发布时间|来源|字号|浏览次数|浏览量|信息来源|更新时间)\s*[:：]|^(?:打印本页|【?打印】?|关闭窗口|【?关闭】?|分享到|收藏|返回顶部|字体\s*[:：]?\s*[\[【]?\s*大|\[?\s*大\s*\]?\s*\[?\s*中)|^\S*\s*www\.\S+\s+[0-9]{4}-[0-9]{2}-[0-9]{2}|^今天是|^(?:全文|正文|原文)$|^[^。，；]{0,30}[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]|简体\s*[|｜]?\s*繁体|无障碍(?:阅读|浏览)|长者模式|扫描?二维码", RegexOptions.CultureInvariant)]
    private static partial Regex ChromeLine();

    [GeneratedRegex(@"^(?:指导思想|总体要求|基本原则|工作目标|主要目标|工作要求|几点要求|有关要求|相关要求|具体要求|保障措施|组织保障|组织领导|组织实施|实施步骤|工作步骤)", RegexOptions.CultureInvariant)]
    private static partial Regex NonTaskSection();

    [GeneratedRegex("要点|计划|方案|安排|清单|任务|规划|报告", RegexOptions.CultureInvariant)]
    private static partial Regex TitleKeyword();

    [GeneratedRegex("《(?<title>[^》]+)》", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedTitle();

    // 排在第一位的为牵头单位 / 列首位的单位为牵头单位 / 排名第一的为牵头单位 / 第一个单位为牵头单位
    [GeneratedRegex("(?:(?:排|列|位)(?:在|于|名)?(?:第一位|首位|第一|最前)|第一个)(?:的|者)?(?:单位|部门)?(?:为|是)(?:牵头|主责)(?:单位|部门)?", RegexOptions.CultureInvariant)]
    private static partial Regex StatedFirstLeads();

    // 所列单位均为责任单位 / 各单位共同牵头
    [GeneratedRegex("所列(?:单位|部门)均(?:为|是)(?:牵头|责任)(?:单位|部门)", RegexOptions.CultureInvariant)]
    private static partial Regex StatedAllLead();

    // The issued name may quote another in 〈〉: 印发《2021年市〈政府工作报告〉任务分解和责任分工方案》的通知.
    [GeneratedRegex("(?:印发|转发|下发)[《〈<](?<title>(?:[^《》〈〉<>]|〈[^〈〉]*〉)+)[》〉>]的通知$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuingNotice();
}
