using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.Rectification.Module.Features;

/// <summary>
/// Section "Rectification:Deadlines": working days a unit gets, by severity, when an item opens,
/// and after a send-back or a failed look-back. The more serious the finding, the shorter the
/// term (限期整改): a severe problem cannot wait a quarter.
/// </summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "Rectification:Deadlines";

    [Range(1, 250)]
    public int GeneralWorkingDays { get; set; } = 40;

    [Range(1, 250)]
    public int SeriousWorkingDays { get; set; } = 30;

    [Range(1, 250)]
    public int SevereWorkingDays { get; set; } = 20;

    [Range(1, 250)]
    public int SendBackWorkingDays { get; set; } = 15;

    [Range(1, 250)]
    public int ReopenWorkingDays { get; set; } = 20;
}

/// <summary>
/// Deadlines on the working-day calendar in force: a calendar update from above (ADR 0024) moves the deadlines computed
/// after it; the ones already given stay.
/// </summary>
public sealed class DeadlinePolicy(WorkingDayCalendarSource calendarInForce, IOptions<DeadlineOptions> options)
{
    private WorkingDayCalendar Calendar => calendarInForce.Current;

    public int WorkingDaysFor(string severity) => severity switch
    {
        Severities.Severe => options.Value.SevereWorkingDays,
        Severities.Serious => options.Value.SeriousWorkingDays,
        _ => options.Value.GeneralWorkingDays,
    };

    /// <summary>The deadline of a new item whose feedback was given on <paramref name="feedbackDate"/>.</summary>
    public DateOnly ForNewItem(string severity, DateOnly feedbackDate) => Calendar.AddWorkingDays(feedbackDate, WorkingDaysFor(severity));

    public DateOnly AfterSendBack(DateOnly today) => Calendar.AddWorkingDays(today, options.Value.SendBackWorkingDays);

    public DateOnly AfterReopen(DateOnly today) => Calendar.AddWorkingDays(today, options.Value.ReopenWorkingDays);

    /// <summary>
    /// The deadline the office may give instead of the policy's on a send-back or a failed look-back:
    /// optional (null when blank), and after today.
    /// </summary>
    public static DateOnly? OptionalNewDeadline(RequestValidator validator, string? newDeadline, DateOnly today)
    {
        DateOnly? requested = string.IsNullOrWhiteSpace(newDeadline) ? null : validator.Date("new_deadline", newDeadline);
        if (requested is { } date && date != default && date <= today)
        {
            validator.Add("new_deadline", $"must be after today ({today:yyyy-MM-dd}), got {date:yyyy-MM-dd}");
        }
        return requested;
    }

    /// <summary>Working days past the deadline as of today; 0 when not yet past.</summary>
    public int OverdueWorkingDays(DateOnly deadline, DateOnly today) => today <= deadline ? 0 : Calendar.CountWorkingDays(deadline, today);
}
