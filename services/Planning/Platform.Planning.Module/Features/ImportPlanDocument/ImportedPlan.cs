namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>A unit of the node that imported tasks can be assigned to.</summary>
public sealed record KnownUnit(Guid Id, string Name, IReadOnlyList<string> ShortNames);

/// <summary>A catch-all that stands for many units, such as 市政府各部门 or 各县（市、区）人民政府.</summary>
public sealed record KnownUnitGroup(Guid Id, string Name, IReadOnlyList<string> Aliases);

/// <summary>A unit as written in the document; both ids are null when it matched nothing, or more than one thing (Ambiguous).</summary>
public sealed record UnitReference(string Text, Guid? UnitId, Guid? UnitGroupId, bool Ambiguous = false)
{
    /// <summary>Matched nothing at all: a proposal for the clerk to create or map.</summary>
    public bool Unknown => UnitId is null && UnitGroupId is null && !Ambiguous;
}

/// <summary>A numbered task with its printed number and the 1-based line it starts on.</summary>
public sealed record ImportedTask(
    int Number,
    string Text,
    IReadOnlyList<UnitReference> LeadUnits,
    IReadOnlyList<UnitReference> CoUnits,
    int SourceLine);

/// <summary>
/// A chapter: the level that holds the tasks. Number 0 with an empty title holds tasks printed before any heading.
/// Section is the heading above it in a three-level notice (一、 section, （一） chapter, 1. task), null otherwise.
/// </summary>
public sealed record ImportedChapter(int Number, string Title, IReadOnlyList<ImportedTask> Tasks, string? Section = null);

/// <summary>Something the clerk must look at before issuing: a line that was not placed, or a unit that was not matched.</summary>
public sealed record ImportIssue(int Line, string Text, string Problem);

/// <summary>The draft plan read from an official document, with the rule its unmarked unit lists were read by.</summary>
public sealed record ImportedPlan(string? Title, IReadOnlyList<ImportedChapter> Chapters, IReadOnlyList<ImportIssue> Issues, NoticeUnitRule UnitRule);
