namespace Platform.BuildingBlocks.Calendar;

/// <summary>Working-day calendar settings (section "Calendar").</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>
    /// Optional folder of operator-supplied <c>*.json</c> year files. A file replaces the
    /// shipped year it names or adds a new one, so an office can load next year's official
    /// notice without a new release. A relative path is resolved against the content root.
    /// </summary>
    public string? Directory { get; set; }
}
