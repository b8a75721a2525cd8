using Platform.Planning.Module.Features.ImportPlanDocument;

namespace Platform.Planning.Tests;

/// <summary>A limit written into a task's text becomes its deadline on import.</summary>
public sealed class TaskDeadlineTextTests
{
    [Theory]
    [InlineData("2026年6月底前完成行政规范性文件清理。", "2026-06-30")]
    [InlineData("于9月30日前完成全市执法案卷评查。", "2026-09-30")]
    [InlineData("2月底前制定实施方案。", "2026-02-28")]
    [InlineData("11月末完成年度考核。", "2026-11-30")]
    [InlineData("今年底前实现全覆盖。", "2026-12-31")]
    [InlineData("2027年3月31日之前报送总结。", "2027-03-31")]
    [InlineData("10月15号以前完成。", "2026-10-15")]
    // Stages: the latest is the completion.
    [InlineData("6月底前完成试点，12月底前全面推开。", "2026-12-31")]
    public void A_limit_in_the_text_is_the_deadline(string text, string deadline) =>
        Assert.Equal(DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), TaskDeadlineText.Find(text, 2026));

    [Theory]
    [InlineData("深化部门预算管理改革，改革国库管理制度。")]
    // A date without 前 or a month's end is an event, not a limit.
    [InlineData("2026年3月召开全市法治政府建设推进会。")]
    [InlineData("9月30日召开督察反馈会。")]
    // A date before the plan's year is the work's scope.
    [InlineData("清理2025年12月31日前出台的规范性文件。")]
    // A date that does not exist.
    [InlineData("2月30日前完成。")]
    public void Text_without_a_limit_in_the_plans_year_gives_none(string text) =>
        Assert.Null(TaskDeadlineText.Find(text, 2026));
}
