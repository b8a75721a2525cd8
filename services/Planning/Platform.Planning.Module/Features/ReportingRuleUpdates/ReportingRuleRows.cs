using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Domain.ReportingRules;
using Rule = Platform.Planning.Module.Domain.ReportingRules.ReportingRule;

namespace Platform.Planning.Module.Features.ReportingRuleUpdates;

/// <summary>
/// Reporting rules between the API and <c>reporting-rules.json</c>: a request's rules become such a document, checked by
/// <see cref="ReportingRuleCatalog.Parse"/> as a rules file is (one set of checks), and its errors name the request's field.
/// </summary>
internal static partial class ReportingRuleRows
{
    /// <summary>The rules as a <c>reporting-rules.json</c> document; a field left empty is left out, so the checks call it missing.</summary>
    public static string ToDocument(IEnumerable<ReportingRuleDefinition> rules) =>
        new JsonObject { ["rules"] = new JsonArray([.. rules.Select(RuleNode)]) }.ToJsonString();

    /// <summary>Parses the document; a bad field is <see cref="ValidationException"/> naming the request's field (<c>rules[0].deadlines[1].unit</c>).</summary>
    public static IReadOnlyList<Rule> Check(string document)
    {
        try
        {
            return ReportingRuleCatalog.Parse(document, "request").All;
        }
        catch (ReportingRuleDataException ex)
        {
            throw new ValidationException(FieldOf(ex.Field), ex.Problem);
        }
    }

    public static ReportingRuleUpdate ToProto(ReportingRuleUpdateRecord u, IEnumerable<string> codesInForce) => new()
    {
        Id = u.Id.ToString(),
        IssuerNodeId = u.IssuerNodeId,
        IssuerLevel = u.IssuerLevel,
        Version = u.Version,
        Rules = { u.ParsedRules.Select(ToProto) },
        Notice = u.Notice ?? string.Empty,
        IssuedAt = u.IssuedAt.ToWire(),
        SenderNodeId = u.SenderNodeId ?? string.Empty,
        ReceivedAt = u.ReceivedAt.ToWire(),
        ChildNodeIds = { u.ChildNodeIds },
        CodesInForce = { codesInForce },
    };

    public static ReportingRuleDefinition ToProto(Rule rule)
    {
        var definition = new ReportingRuleDefinition
        {
            Code = rule.Code, Name = rule.Name, Description = rule.Description, RollForwardToWorkingDay = rule.RollForwardToWorkingDay,
        };
        foreach (var spec in rule.Deadlines)
        {
            definition.Deadlines.Add(spec switch
            {
                TriggerOffsetDeadline t => Offset("triggerOffset", t.Key, t.Label, t.Offset, t.ExtensionRequestBeforeDeadline),
                CompletionOffsetDeadline c => Offset("completionOffset", c.Key, c.Label, c.Offset, c.ExtensionRequestBeforeDeadline),
                FixedScheduleDeadline f => new RuleDeadline
                {
                    Kind = "fixedSchedule",
                    Reports =
                    {
                        f.Reports.Select(r => new RuleScheduledReport
                        {
                            Key = r.Key, Label = r.Label, DueMonth = r.Due.Month, DueDay = r.Due.Day,
                            PeriodStart = r.PeriodStart.ToString(), PeriodEnd = r.PeriodEnd.ToString(),
                        }),
                    },
                },
                _ => throw new NotSupportedException($"Deadline kind {spec.GetType().Name} of rule '{rule.Code}' is not supported."),
            });
        }
        return definition;
    }

    private static RuleDeadline Offset(string kind, string key, string label, DeadlineOffset offset, bool extension) => new()
    {
        Kind = kind, Key = key, Label = label, Amount = offset.Amount,
        // The file's names: calendarDays, workingDays, months.
        Unit = char.ToLowerInvariant(offset.Unit.ToString()[0]) + offset.Unit.ToString()[1..],
        ExtensionRequestBeforeDeadline = extension,
    };

    private static JsonObject RuleNode(ReportingRuleDefinition r) => Node(
        ("code", Text(r.Code)), ("name", Text(r.Name)), ("description", Text(r.Description)),
        ("rollForwardToWorkingDay", r.HasRollForwardToWorkingDay ? r.RollForwardToWorkingDay : null),
        ("deadlines", r.Deadlines.Count > 0 ? new JsonArray([.. r.Deadlines.Select(DeadlineNode)]) : null));

    private static JsonObject DeadlineNode(RuleDeadline d) => Node(
        ("kind", Text(d.Kind)), ("key", Text(d.Key)), ("label", Text(d.Label)), ("amount", Number(d.Amount)), ("unit", Text(d.Unit)),
        ("extensionRequestBeforeDeadline", d.ExtensionRequestBeforeDeadline ? true : null),
        ("reports", d.Reports.Count > 0 ? new JsonArray([.. d.Reports.Select(ReportNode)]) : null));

    private static JsonObject ReportNode(RuleScheduledReport r) => Node(
        ("key", Text(r.Key)), ("label", Text(r.Label)), ("dueMonth", Number(r.DueMonth)), ("dueDay", Number(r.DueDay)),
        ("period", r.PeriodStart.Length + r.PeriodEnd.Length > 0 ? Node(("start", Text(r.PeriodStart)), ("end", Text(r.PeriodEnd))) : null));

    private static JsonObject Node(params (string Name, JsonNode? Value)[] fields)
    {
        var node = new JsonObject();
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
        {
            node[name] = value;
        }
        return node;
    }

    private static JsonNode? Text(string value) => value.Length == 0 ? null : JsonValue.Create(value);

    private static JsonNode? Number(int value) => value == 0 ? null : JsonValue.Create(value);

    /// <summary>A rules file's field (<c>rules[0].deadlines[1].reports[0].period.start</c>) as the request names it (<c>..period_start</c>).</summary>
    private static string FieldOf(string field)
    {
        var path = field.Replace(".period.start", ".period_start", StringComparison.Ordinal)
            .Replace(".period.end", ".period_end", StringComparison.Ordinal);
        path = path.EndsWith(".period", StringComparison.Ordinal) ? path + "_start" : path;
        return CamelHump().Replace(path, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();
}
