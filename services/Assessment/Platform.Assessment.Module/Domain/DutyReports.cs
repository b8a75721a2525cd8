namespace Platform.Assessment.Module.Domain;

/// <summary>The four levels of "1+4+5+N" (省、市、县、乡).</summary>
public enum ReportLevel
{
    Province,
    City,
    County,
    Township,
}

public enum CampaignKind
{
    /// <summary>年度述法: the year-end review.</summary>
    Annual,

    /// <summary>专题述法: a report on one topic.</summary>
    Topic,
}

/// <summary>Where a reporter stands; <see cref="Excused"/> keeps someone on the roster with the reason they need not report.</summary>
public enum RosterStatus
{
    Due,
    Submitted,
    SentBack,
    Reviewed,
    Excused,
}

/// <summary>The words the API uses for a roster status, in answers and in messages alike.</summary>
public static class RosterStatusWords
{
    /// <summary>due, submitted, sent_back, reviewed, excused.</summary>
    public static string Wire(this RosterStatus status) => status switch
    {
        RosterStatus.SentBack => "sent_back",
        _ => status.ToString().ToLowerInvariant(),
    };
}

public enum DutyRating
{
    Excellent,
    Good,
    Fair,
    Poor,
}

/// <summary>One line of the duty list (述法责任清单): at this level, people in these kinds of post must report.</summary>
public sealed record DutyRule(ReportLevel Level, PostKind PostKind);

/// <summary>A duty-report campaign (述法活动) for a year or a topic, with its duty list and the forms reports may take.</summary>
public sealed partial class DutyCampaign
{
    private DutyCampaign()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public CampaignKind Kind { get; private set; }

    /// <summary>The duty list as "level:post_kind" pairs (stored as a list of strings so it stays one column).</summary>
    public List<string> Duties { get; private set; } = [];

    /// <summary>The forms (书面、专题、会议、新媒体, or the office's own) a report may take.</summary>
    public List<string> Forms { get; private set; } = [];

    /// <summary>
    /// The forms whose reports need the office's public evaluation (述评), as the node's list said when
    /// the campaign was created: a form the operator changes later does not change a running campaign.
    /// </summary>
    public List<string> PublicEvaluationForms { get; private set; } = [];

    public Audit Created { get; private set; } = null!;

    public static DutyCampaign Create(
        string title, int year, CampaignKind kind, IReadOnlyCollection<DutyRule> duties, IReadOnlyCollection<string> forms,
        IReadOnlyCollection<string> publicEvaluationForms, Audit stamp) => new()
    {
        Id = Guid.CreateVersion7(),
        Title = title,
        Year = year,
        Kind = kind,
        Duties = duties.Distinct().Select(Key).ToList(),
        Forms = forms.Distinct().ToList(),
        PublicEvaluationForms = forms.Distinct().Where(publicEvaluationForms.Contains).ToList(),
        Created = stamp,
    };

    public static string Key(DutyRule rule) => $"{rule.Level}:{rule.PostKind}";

    public bool Requires(ReportLevel level, PostKind postKind) => Duties.Contains(Key(new DutyRule(level, postKind)));

    /// <summary>
    /// The level a person reports at: a township head at township level; anyone else at the level of
    /// their unit's region (GB/T 2260: ..0000 a province, ....00 a city, otherwise a county).
    /// </summary>
    public static ReportLevel LevelOf(PostKind postKind, string regionCode) =>
        postKind == PostKind.TownshipHead ? ReportLevel.Township
        : regionCode.EndsWith("0000", StringComparison.Ordinal) ? ReportLevel.Province
        : regionCode.EndsWith("00", StringComparison.Ordinal) ? ReportLevel.City
        : ReportLevel.County;

    /// <summary>
    /// Whether anyone can ever report at <paramref name="level"/> in <paramref name="postKind"/> (<see cref="LevelOf"/>):
    /// township heads report at township level and only they do.
    /// </summary>
    public static bool CanMatch(ReportLevel level, PostKind postKind) => (level == ReportLevel.Township) == (postKind == PostKind.TownshipHead);
}

/// <summary>
/// One person on a campaign's roster (应述尽述) and their report: who they were when the roster was made
/// (kept, so the dashboard groups without joining people), the report, the review.
/// </summary>
public sealed class RosterEntry
{
    private RosterEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public Guid PersonId { get; private set; }

    public string PersonName { get; private set; } = string.Empty;

    public Guid UnitId { get; private set; }

    public PostKind PostKind { get; private set; }

    public ReportLevel Level { get; private set; }

    public RosterStatus Status { get; private set; }

    /// <summary>Why an excused person need not report (离任), or empty.</summary>
    public string Reason { get; private set; } = string.Empty;

    public string Form { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DutyRating? Rating { get; private set; }

    public string ReviewComment { get; private set; } = string.Empty;

    public Audit? Reviewed { get; private set; }

    /// <summary>The submitted form needs the office's public evaluation (述评) before the report is rated.</summary>
    public bool PublicEvaluationRequired { get; private set; }

    /// <summary>The office's public evaluation (述评) of the submitted report, or empty.</summary>
    public string PublicEvaluation { get; private set; } = string.Empty;

    public Audit? PublicEvaluated { get; private set; }

    public Audit Created { get; private set; } = null!;

    /// <summary>
    /// The concurrency token: every change of the entry moves it on, so of two submissions, reviews or a submission and a
    /// review made at once on the same state only the first is saved; the other is Aborted ("changed meanwhile").
    /// </summary>
    public int Version { get; private set; }

    /// <summary>An entry for a person as they were at the campaign's reference date: <paramref name="unitId"/> and <paramref name="postKind"/> come from their history.</summary>
    public static RosterEntry Create(Guid campaignId, Guid personId, string personName, Guid unitId, PostKind postKind, ReportLevel level, Audit stamp) => new()
    {
        Id = Guid.CreateVersion7(),
        CampaignId = campaignId,
        PersonId = personId,
        PersonName = personName,
        UnitId = unitId,
        PostKind = postKind,
        Level = level,
        Status = RosterStatus.Due,
        Created = stamp,
    };

    /// <summary>
    /// A person transferred (or given another post) before reporting: the entry moves to the unit, kind of post and
    /// level they held at the campaign's reference date, so they are listed once, where they report. A report
    /// already in (or sent back) stays with the unit it was made for.
    /// </summary>
    public bool Reassign(Guid unitId, PostKind postKind, ReportLevel level)
    {
        if (Status != RosterStatus.Due || (UnitId, PostKind, Level) == (unitId, postKind, level))
        {
            return false;
        }
        (UnitId, PostKind, Level) = (unitId, postKind, level);
        Version++;
        return true;
    }

    /// <summary>A person who left before reporting stays on the roster, excused with the reason.</summary>
    public bool Excuse(string reason)
    {
        if (Status is not (RosterStatus.Due or RosterStatus.SentBack))
        {
            return false;
        }
        (Status, Reason) = (RosterStatus.Excused, reason);
        Version++;
        return true;
    }

    public void Submit(string form, string text, bool publicEvaluationRequired, DateTimeOffset at)
    {
        if (Status is not (RosterStatus.Due or RosterStatus.SentBack))
        {
            throw new PreconditionFailedException(Status == RosterStatus.Excused
                ? $"{PersonName} is excused from this campaign ({Reason})."
                : $"{PersonName}'s report is {Status.Wire()}; it can be submitted again only after it is sent back.");
        }
        (Form, Text, SubmittedAt, Status, Reason) = (form, text, at, RosterStatus.Submitted, string.Empty);
        // A resubmitted report is a new report: an evaluation of the earlier one does not carry over.
        (PublicEvaluationRequired, PublicEvaluation, PublicEvaluated) = (publicEvaluationRequired, string.Empty, null);
        Version++;
    }

    /// <summary>The office's public evaluation (述评) of a report whose form requires one; given again, it replaces the earlier one.</summary>
    public void Evaluate(string evaluation, Audit stamp)
    {
        RequireSubmitted();
        if (!PublicEvaluationRequired)
        {
            throw new PreconditionFailedException($"A report in the form {Form} gets no public evaluation; rate it instead.");
        }
        (PublicEvaluation, PublicEvaluated) = (evaluation, stamp);
        Version++;
    }

    public void Rate(DutyRating rating, string comment, Audit stamp)
    {
        RequireSubmitted();
        if (PublicEvaluationRequired && PublicEvaluation.Length == 0)
        {
            throw new PreconditionFailedException($"A report in the form {Form} is rated after the office's public evaluation (述评); evaluate it first.");
        }
        (Rating, ReviewComment, Reviewed, Status) = (rating, comment, stamp, RosterStatus.Reviewed);
        Version++;
    }

    /// <summary>Send back for revision (退回修改): the reason is the comment, and the reporter submits again.</summary>
    public void SendBack(string comment, Audit stamp)
    {
        RequireSubmitted();
        if (comment.Length == 0)
        {
            throw new ValidationException("comment", "must say what to revise when sending a report back");
        }
        (ReviewComment, Reviewed, Status, Rating) = (comment, stamp, RosterStatus.SentBack, null);
        Version++;
    }

    private void RequireSubmitted()
    {
        if (Status != RosterStatus.Submitted)
        {
            throw new PreconditionFailedException($"{PersonName}'s report is {Status.Wire()}; only a submitted report is reviewed.");
        }
    }
}

/// <summary>A file attached to a duty report, stored in the node's file store by its hash.</summary>
public sealed class DutyReportAttachment
{
    private DutyReportAttachment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EntryId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public string Sha256 { get; private set; } = string.Empty;

    public long Size { get; private set; }

    public static DutyReportAttachment Create(Guid entryId, string fileName, string contentType, string sha256, long size) => new()
    {
        Id = Guid.CreateVersion7(),
        EntryId = entryId,
        FileName = fileName,
        ContentType = contentType,
        Sha256 = sha256,
        Size = size,
    };
}

/// <summary>
/// A form (the N of "1+4+5+N") the node operator added to the node's default list, next to the four
/// built-in ones of <see cref="DutyReportForms.BuiltIn"/>.
/// </summary>
public sealed class AddedReportForm
{
    private AddedReportForm()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public bool RequiresPublicEvaluation { get; private set; }

    public Audit Added { get; private set; } = null!;

    public static AddedReportForm Add(string name, bool requiresPublicEvaluation, Audit stamp) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        RequiresPublicEvaluation = requiresPublicEvaluation,
        Added = stamp,
    };
}

/// <summary>One of the five mechanisms (五项工作机制) of "1+4+5+N".</summary>
public sealed record DutyMechanism(string Code, string Name, string Description);

/// <summary>The built-in forms and the five mechanisms of "1+4+5+N" (seed 003: Gansu's duty-report model).</summary>
public static class DutyReportForms
{
    /// <summary>
    /// 书面、专题、会议、新媒体. A report given at a meeting or through new media is public, and the office
    /// evaluates it publicly (述评) before rating it; a written or topic report is rated directly.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, bool RequiresPublicEvaluation)> BuiltIn =
    [
        ("书面", false), ("专题", false), ("会议", true), ("新媒体", true),
    ];

    public static readonly IReadOnlyList<DutyMechanism> Mechanisms =
    [
        new("study", "述学", "述学习贯彻习近平法治思想和学法用法的情况"),
        new("evaluate", "述评", "述法后由法治建设议事协调机构办公室公开点评"),
        new("supervise", "述督", "述法情况和点评意见纳入法治督察"),
        new("examine", "述考", "述法结果纳入法治建设考评和领导干部考核"),
        new("rectify", "述改", "对述法和点评中指出的问题建立清单、限期整改"),
    ];
}
