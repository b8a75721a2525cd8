using System.Text;
using Microsoft.Extensions.Options;
using DomainPlan = Platform.Planning.Module.Domain.Plan;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// Turns the text of a key-points notice into a draft plan the clerk checks before issuing:
/// chapters, numbered tasks, lead and co-units matched to the node's units, and a list of what
/// the importer could not place. Imported tasks follow the rule for annual key work (quarterly
/// reports) and are due at the end of the plan's year until the clerk says otherwise.
/// </summary>
public sealed class ImportPlanDocumentFeature(PlanningDbContext db, PlanningAccess access, IOptions<NoticeImportOptions> options)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const string DefaultRule = "annual_key_work_quarterly";

    public async Task<ImportPlanDocumentResponse> ImportAsync(ImportPlanDocumentRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var year = validator.Range("year", request.Year, 2000, 2100);
        var hasText = !string.IsNullOrWhiteSpace(request.Text);
        var hasContent = !request.Content.IsEmpty;
        if (hasText == hasContent)
        {
            validator.Add("text", "give either the pasted text or the uploaded file (content), not both and not neither");
        }
        // Counted in UTF-8 bytes, as the text travels: a length in characters let a 5.6 MB paste through.
        if (request.Content.Length > MaxBytes || (hasText && Encoding.UTF8.GetByteCount(request.Text) > MaxBytes))
        {
            validator.Add(hasContent ? "content" : "text", $"is larger than {MaxBytes} bytes; a plan notice is far smaller");
        }
        validator.ThrowIfInvalid();

        // Scraped notices arrive in Traditional characters with pinyin readings; the parser and the unit matcher see the
        // normalised text, the request (what was sent) is not changed.
        var text = NoticeText.Normalize(hasContent ? NoticeFile.ReadText(request.Content.Memory, "content") : request.Text!);
        var (units, groups) = await UnitProposals.LoadKnownAsync(db, cancellationToken);
        var parsed = new PlanDocumentParser(units, groups, options.Value.UnmarkedUnits).Parse(text);
        var tasks = parsed.Chapters.SelectMany(c => c.Tasks).ToList();
        if (tasks.Count == 0)
        {
            throw new ValidationException(hasContent ? "content" : "text", "no numbered tasks were found; is this a key-points notice?");
        }

        var title = parsed.Title ?? request.Title?.Trim();
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ValidationException("title", "the document has no title line; give one");
        }
        RefuseInvisibleCharacters(title, parsed, hasContent ? "content" : "text");
        var problems = parsed.Issues.Select(i => new ImportProblem { Line = i.Line, Text = i.Text, Problem = i.Problem }).ToList();
        var printedNumbersUnique = tasks.Select(t => t.Number).Distinct().Count() == tasks.Count;
        if (!printedNumbersUnique)
        {
            problems.Add(new ImportProblem { Line = 0, Text = string.Empty, Problem = "任务编号在各部分重新开始，已按全文顺序重新编号" });
        }

        var plan = DomainPlan.Create(title.Length > 300 ? title[..300] : title, year, access.Now());
        foreach (var chapter in parsed.Chapters)
        {
            var target = chapter.Number == 0 ? null : plan.AddChapter(chapter.Title, Trimmed(chapter.Section));
            foreach (var task in chapter.Tasks)
            {
                plan.AddTask(target, ToDraft(task, year), printedNumbersUnique ? task.Number : null).NoteUnmatchedUnits(
                    task.LeadUnits.Where(u => u.Unknown).Select(u => u.Text), task.CoUnits.Where(u => u.Unknown).Select(u => u.Text));
            }
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        var response = new ImportPlanDocumentResponse
        {
            Plan = plan.ToProto(),
            UnitRule = parsed.UnitRule.Rule == UnmarkedUnitRule.AllLead ? "all_lead" : "first_leads",
            UnitRuleSource = parsed.UnitRule.FromNotice ? "notice" : "node",
            UnitRuleQuote = parsed.UnitRule.Quote ?? string.Empty,
        };
        response.Problems.AddRange(problems);
        response.Proposals.AddRange(UnitProposals.Of(plan.Tasks));
        return response;
    }

    private static string? Trimmed(string? section) => section is { Length: > 500 } ? section[..500] : section;

    /// <summary>Titles read from a notice follow the same rule as titles typed into a request.</summary>
    private static void RefuseInvisibleCharacters(string title, ImportedPlan parsed, string field)
    {
        var validator = new RequestValidator();
        if (RequestValidator.NameProblem(title) is { } titleProblem)
        {
            validator.Add(field, "the title " + titleProblem);
        }
        foreach (var chapter in parsed.Chapters)
        {
            if (RequestValidator.NameProblem(chapter.Title) is { } chapterProblem)
            {
                validator.Add(field, $"the heading of part {chapter.Number} {chapterProblem}");
            }
            if (chapter.Section is not null && RequestValidator.NameProblem(chapter.Section) is { } sectionProblem)
            {
                validator.Add(field, $"the section above part {chapter.Number} {sectionProblem}");
            }
            foreach (var task in chapter.Tasks.Where(t => RequestValidator.NameProblem(t.Text) is not null))
            {
                validator.Add(field, $"line {task.SourceLine}: the task {RequestValidator.NameProblem(task.Text)}");
            }
        }
        validator.ThrowIfInvalid();
    }

    private static TaskDraft ToDraft(ImportedTask task, int year)
    {
        var leads = task.LeadUnits.Where(u => u.UnitId is not null).Select(u => u.UnitId!.Value).ToList();
        var cos = task.CoUnits.Where(u => u.UnitId is not null).Select(u => u.UnitId!.Value).ToList();
        var groups = task.LeadUnits.Concat(task.CoUnits).Where(u => u.UnitGroupId is not null).Select(u => u.UnitGroupId!.Value).ToList();
        var text = task.Text.Length > 4000 ? task.Text[..4000] : task.Text;
        // A limit the notice writes into the task (6月底前) is its deadline; otherwise the year's end.
        var deadline = TaskDeadlineText.Find(task.Text, year) ?? new DateOnly(year, 12, 31);
        return new TaskDraft(text, deadline, DefaultRule, new DateOnly(year, 1, 1), leads, cos, groups, []);
    }
}
