using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.Rectification.Module.Domain;

/// <summary>The seven steps in their fixed order, and the defaults a new node starts with.</summary>
public static class LadderSteps
{
    public const string Reminder = "reminder";
    public const string Urge = "urge";
    public const string SupervisionLetter = "supervision_letter";
    public const string Interview = "interview";
    public const string ListedSupervision = "listed_supervision";
    public const string PublicCriticism = "public_criticism";
    public const string Referral = "referral";

    public static readonly IReadOnlyList<string> Codes =
        [Reminder, Urge, SupervisionLetter, Interview, ListedSupervision, PublicCriticism, Referral];

    /// <summary>
    /// Defaults (see docs/adr/0007): reminders and urging by the office or an inspector; the
    /// letter and everything harsher by the office only. Copies follow the Jiangsu opinions on
    /// supervision (2014) and the Gansu report on rule-of-law inspection (2024): the organisation
    /// department learns of every formal step from the supervision letter on, the
    /// discipline-inspection commission from the interview (约谈问责) on.
    /// </summary>
    public static IReadOnlyList<EscalationStepRule> Defaults() =>
    [
        EscalationStepRule.Default(1, Reminder, "提醒", 1, 0, $"{PlatformRoles.OfficeStaff} {PlatformRoles.Inspector}", false, false),
        EscalationStepRule.Default(2, Urge, "催办", 5, 0, $"{PlatformRoles.OfficeStaff} {PlatformRoles.Inspector}", false, false),
        EscalationStepRule.Default(3, SupervisionLetter, "督办函", 10, 2, PlatformRoles.OfficeStaff, false, true),
        EscalationStepRule.Default(4, Interview, "约谈", 20, 3, PlatformRoles.OfficeStaff, true, true),
        EscalationStepRule.Default(5, ListedSupervision, "挂牌督办", 30, 0, PlatformRoles.OfficeStaff, true, true),
        EscalationStepRule.Default(6, PublicCriticism, "通报批评", 45, 0, PlatformRoles.OfficeStaff, true, true),
        EscalationStepRule.Default(7, Referral, "移送纪检监察", 60, 0, PlatformRoles.OfficeStaff, true, true),
    ];

    public static int OrderOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return 0;
    }

    public static string? NextStepCode(int appliedOrder) => appliedOrder < Codes.Count ? Codes[appliedOrder] : null;

    private static readonly string[] ChineseNames = ["提醒", "催办", "督办函", "约谈", "挂牌督办", "通报批评", "移送纪检监察"];

    /// <summary>The step's name as documents write it; empty for 0 (no step).</summary>
    public static string ChineseNameOf(int order) => order >= 1 && order <= ChineseNames.Length ? ChineseNames[order - 1] : string.Empty;

    public static string CodeOf(int order) => order >= 1 && order <= Codes.Count ? Codes[order - 1] : string.Empty;

    /// <summary>
    /// The latest deadline that is at least <paramref name="workingDays"/> working days behind
    /// <paramref name="today"/>: an item is overdue by N or more working days exactly when its
    /// deadline is on or before this date, so the evaluator can ask the database with a plain
    /// date comparison instead of computing every item's lag.
    /// </summary>
    public static DateOnly LatestDeadlineOverdueBy(WorkingDayCalendar calendar, DateOnly today, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        // The N-th working day before today is overdue by N if today is a working day, by N-1 otherwise;
        // the days off after it count the same, so walk forward while the lag stays at least N.
        var candidate = calendar.AddWorkingDays(today, -workingDays);
        if (calendar.CountWorkingDays(candidate, today) < workingDays)
        {
            candidate = calendar.AddWorkingDays(candidate, -1);
        }
        while (candidate < today && calendar.CountWorkingDays(candidate.AddDays(1), today) >= workingDays)
        {
            candidate = candidate.AddDays(1);
        }
        return candidate;
    }
}
