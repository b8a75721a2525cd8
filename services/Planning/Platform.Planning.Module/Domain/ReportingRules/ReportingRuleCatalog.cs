using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>
/// The reporting rules in force, read from JSON: by default the rules of the Jiangsu opinions on
/// supervision (2014, 苏政办发〔2014〕94号) shipped as the embedded <c>reporting-rules.json</c>. Immutable once loaded; safe to share.
/// </summary>
public sealed partial class ReportingRuleCatalog
{
    public const string EmbeddedResourceName = "Platform.Planning.Module.ReportingRules.reporting-rules.json";

    private const int MaxAmount = 10_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt field would otherwise fall back to a default and change a deadline silently.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, ReportingRule> byCode;

    private ReportingRuleCatalog(List<ReportingRule> rules)
    {
        All = rules.AsReadOnly();
        byCode = rules.ToDictionary(r => r.Code, StringComparer.Ordinal);
    }

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<ReportingRule> All { get; }

    /// <summary>The rule with this code; <see cref="NotFoundException"/> when there is none.</summary>
    public ReportingRule Get(string code) =>
        TryGet(code, out var rule) ? rule : throw new NotFoundException($"Reporting rule '{code}' does not exist.");

    public bool TryGet(string code, [NotNullWhen(true)] out ReportingRule? rule) =>
        byCode.TryGetValue(code, out rule);

    /// <summary>
    /// This catalog with <paramref name="rules"/> in it: a rule under a code of this catalog replaces that rule in its
    /// place, a rule under a new code is added at the end (ADR 0024: reporting-rule updates from above).
    /// </summary>
    public ReportingRuleCatalog With(IReadOnlyCollection<ReportingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var replacing = rules.ToDictionary(r => r.Code, StringComparer.Ordinal);
        return new ReportingRuleCatalog([
            .. All.Select(r => replacing.GetValueOrDefault(r.Code) ?? r),
            .. rules.Where(r => !byCode.ContainsKey(r.Code)),
        ]);
    }

    /// <summary>The rules shipped with the module.</summary>
    public static ReportingRuleCatalog LoadEmbedded()
    {
        using var stream = typeof(ReportingRuleCatalog).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {EmbeddedResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "reporting-rules.json");
    }

    /// <summary>Parses and validates a rules file; <paramref name="source"/> names it in errors.</summary>
    public static ReportingRuleCatalog Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        RulesFile file;
        try
        {
            file = JsonSerializer.Deserialize<RulesFile>(json, JsonOptions)
                ?? throw new ReportingRuleDataException(source, null, "$", "the file is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new ReportingRuleDataException(source, null, ex.Path ?? "$", $"is not valid: {ex.Message}");
        }

        if (file.Rules is not { Count: > 0 })
        {
            throw new ReportingRuleDataException(source, null, "rules", "must list at least one rule.");
        }
        var rules = new List<ReportingRule>();
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var rule = new RuleReader(source, i, file.Rules[i]).Read();
            if (rules.Any(r => r.Code == rule.Code))
            {
                throw new ReportingRuleDataException(source, rule.Code, $"rules[{i}].code", "is used by another rule; codes must be unique.");
            }
            rules.Add(rule);
        }
        return new ReportingRuleCatalog(rules);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex CodePattern();

    /// <summary>Validates one rule; every error names the rule and the JSON path of the field.</summary>
    private sealed class RuleReader(string source, int index, RuleEntry? entry)
    {
        private string? code;

        public ReportingRule Read()
        {
            var rule = entry ?? throw Error($"rules[{index}]", "is null.");
            code = rule.Code;
            if (string.IsNullOrWhiteSpace(rule.Code) || !CodePattern().IsMatch(rule.Code))
            {
                throw Error("code", "is required: lower-case letters, digits and '_', starting with a letter (e.g. \"leader_instruction\").");
            }
            var name = Required(rule.Name, "name");
            var description = Required(rule.Description, "description");
            if (rule.Deadlines is not { Count: > 0 })
            {
                throw Error("deadlines", "must list at least one deadline.");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            var deadlines = new List<DeadlineSpec>();
            for (var i = 0; i < rule.Deadlines.Count; i++)
            {
                var spec = Deadline(rule.Deadlines[i], $"deadlines[{i}]");
                foreach (var (key, field) in KeysOf(spec, $"deadlines[{i}]"))
                {
                    if (!keys.Add(key))
                    {
                        throw Error(field, $"'{key}' is used twice in this rule; deadline keys must be unique.");
                    }
                }
                deadlines.Add(spec);
            }
            return new ReportingRule(rule.Code, name, description, rule.RollForwardToWorkingDay ?? true, deadlines.AsReadOnly());
        }

        private static IEnumerable<(string Key, string Field)> KeysOf(DeadlineSpec spec, string path) => spec switch
        {
            TriggerOffsetDeadline t => [(t.Key, $"{path}.key")],
            CompletionOffsetDeadline c => [(c.Key, $"{path}.key")],
            FixedScheduleDeadline f => f.Reports.Select((r, j) => (r.Key, $"{path}.reports[{j}].key")),
            _ => [],
        };

        private DeadlineSpec Deadline(DeadlineEntry? entry, string path)
        {
            var deadline = entry ?? throw Error(path, "is null.");
            switch (deadline.Kind)
            {
                case "triggerOffset":
                case "completionOffset":
                    if (deadline.Reports is not null)
                    {
                        throw Error($"{path}.reports", $"applies to kind \"fixedSchedule\" only, not \"{deadline.Kind}\".");
                    }
                    var key = Key(deadline.Key, $"{path}.key");
                    var label = Required(deadline.Label, $"{path}.label");
                    var offset = Offset(deadline, path);
                    var extension = deadline.ExtensionRequestBeforeDeadline ?? false;
                    return deadline.Kind == "triggerOffset"
                        ? new TriggerOffsetDeadline(key, label, offset, extension)
                        : new CompletionOffsetDeadline(key, label, offset, extension);
                case "fixedSchedule":
                    foreach (var (value, field) in new (object?, string)[]
                             {
                                 (deadline.Key, "key"), (deadline.Label, "label"), (deadline.Amount, "amount"),
                                 (deadline.Unit, "unit"), (deadline.ExtensionRequestBeforeDeadline, "extensionRequestBeforeDeadline"),
                             })
                    {
                        if (value is not null)
                        {
                            throw Error($"{path}.{field}", "does not apply to kind \"fixedSchedule\"; each of its reports has its own key and label.");
                        }
                    }
                    if (deadline.Reports is not { Count: > 0 })
                    {
                        throw Error($"{path}.reports", "must list at least one report.");
                    }
                    return new FixedScheduleDeadline([.. deadline.Reports.Select((r, j) => Report(r, $"{path}.reports[{j}]"))]);
                case null or "":
                    throw Error($"{path}.kind", "is required: \"triggerOffset\", \"completionOffset\" or \"fixedSchedule\".");
                default:
                    throw Error($"{path}.kind", $"'{deadline.Kind}' is not one of \"triggerOffset\", \"completionOffset\", \"fixedSchedule\".");
            }
        }

        private DeadlineOffset Offset(DeadlineEntry deadline, string path)
        {
            if (deadline.Amount is not { } amount)
            {
                throw Error($"{path}.amount", "is required.");
            }
            if (amount is < 1 or > MaxAmount)
            {
                throw Error($"{path}.amount", $"{amount} must be between 1 and {MaxAmount}.");
            }
            var unit = deadline.Unit switch
            {
                "calendarDays" => OffsetUnit.CalendarDays,
                "workingDays" => OffsetUnit.WorkingDays,
                "months" => OffsetUnit.Months,
                null or "" => throw Error($"{path}.unit", "is required: \"calendarDays\", \"workingDays\" or \"months\"."),
                _ => throw Error($"{path}.unit", $"'{deadline.Unit}' is not one of \"calendarDays\", \"workingDays\", \"months\"."),
            };
            return new DeadlineOffset(amount, unit);
        }

        private ScheduledReport Report(ReportEntry? entry, string path)
        {
            var report = entry ?? throw Error(path, "is null.");
            var key = Key(report.Key, $"{path}.key");
            var label = Required(report.Label, $"{path}.label");
            if (report.DueMonth is not { } month || month is < 1 or > 12)
            {
                throw Error($"{path}.dueMonth", "is required: a month from 1 to 12.");
            }
            if (report.DueDay is not { } day || !ValidInEveryYear(month, day))
            {
                throw Error($"{path}.dueDay", $"is required: a day that exists in month {month} of every year.");
            }
            if (report.Period is null)
            {
                throw Error($"{path}.period", "is required: {\"start\": \"MM-dd\", \"end\": \"MM-dd\"}.");
            }
            var start = MonthDayOf(report.Period.Start, $"{path}.period.start");
            var end = MonthDayOf(report.Period.End, $"{path}.period.end");
            if ((end.Month, end.Day).CompareTo((start.Month, start.Day)) < 0)
            {
                throw Error($"{path}.period.end", $"{end} is before the start {start}; a period lies within one year.");
            }
            return new ScheduledReport(key, label, new MonthDay(month, day), start, end);
        }

        private MonthDay MonthDayOf(string? value, string field)
        {
            // Parsed in a common year: 02-29 is refused because the schedule must exist every year.
            if (value is null
                || !DateOnly.TryParseExact("2001-" + value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Error(field, $"'{value}' is not a day of the year in the form MM-dd (02-29 is not allowed).");
            }
            return new MonthDay(date.Month, date.Day);
        }

        private static bool ValidInEveryYear(int month, int day) => day >= 1 && day <= DateTime.DaysInMonth(2001, month);

        private string Key(string? value, string field) =>
            value is not null && CodePattern().IsMatch(value)
                ? value
                : throw Error(field, "is required: lower-case letters, digits and '_', starting with a letter.");

        private string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw Error(field, "is required.") : value;

        private ReportingRuleDataException Error(string field, string problem) =>
            new(source, string.IsNullOrWhiteSpace(code) ? null : code, field.StartsWith("rules[", StringComparison.Ordinal) ? field : $"rules[{index}].{field}", problem);
    }

    private sealed class RulesFile
    {
        public List<RuleEntry?>? Rules { get; set; }
    }

    private sealed class RuleEntry
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool? RollForwardToWorkingDay { get; set; }

        public List<DeadlineEntry?>? Deadlines { get; set; }
    }

    private sealed class DeadlineEntry
    {
        public string? Kind { get; set; }

        public string? Key { get; set; }

        public string? Label { get; set; }

        public int? Amount { get; set; }

        public string? Unit { get; set; }

        public bool? ExtensionRequestBeforeDeadline { get; set; }

        public List<ReportEntry?>? Reports { get; set; }
    }

    private sealed class ReportEntry
    {
        public string? Key { get; set; }

        public string? Label { get; set; }

        public int? DueMonth { get; set; }

        public int? DueDay { get; set; }

        public PeriodEntry? Period { get; set; }
    }

    private sealed class PeriodEntry
    {
        public string? Start { get; set; }

        public string? End { get; set; }
    }
}
