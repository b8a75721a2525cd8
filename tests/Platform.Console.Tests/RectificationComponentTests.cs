using Bunit;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components.Shared;
using Platform.WebConsole.Rectification;

namespace Platform.WebConsole.Tests;

/// <summary>The pieces of the rectification pages with logic: paging by tokens, the plan's lines, the download links.</summary>
public sealed class RectificationComponentTests : BunitContext
{
    [Fact]
    public void Page_tokens_go_forward_with_the_answers_token_and_back_to_the_token_of_the_page_before()
    {
        var tokens = new PageTokens();
        Assert.False(tokens.HasPrevious);
        tokens.Answered("t2");
        tokens.Forward();
        Assert.Equal(("t2", 2), (tokens.Current, tokens.PageNumber));
        tokens.Answered("t3");
        tokens.Forward();
        tokens.Answered("");
        Assert.Equal(("t3", 3, false), (tokens.Current, tokens.PageNumber, tokens.HasNext));

        // At the end there is no next page: forward stays put.
        tokens.Forward();
        Assert.Equal("t3", tokens.Current);
        tokens.Back();
        Assert.Equal(("t2", 2), (tokens.Current, tokens.PageNumber));
        tokens.Back();
        Assert.Equal(("", 1, false), (tokens.Current, tokens.PageNumber, tokens.HasPrevious));

        tokens.Answered("t2");
        tokens.Forward();
        tokens.Reset();
        Assert.Equal(("", 1, false), (tokens.Current, tokens.PageNumber, tokens.HasNext));
    }

    [Fact]
    public void The_pager_disables_what_cannot_be_done_and_loads_the_page_it_moves_to()
    {
        var tokens = new PageTokens();
        tokens.Answered("next-page");
        var loaded = new List<string>();
        var pager = Render<Pager>(p => p.Add(c => c.Tokens, tokens).Add(c => c.OnPage, () => loaded.Add(tokens.Current)));

        Assert.True(pager.Find("[data-testid=page-previous]").HasAttribute("disabled"));
        Assert.False(pager.Find("[data-testid=page-next]").HasAttribute("disabled"));
        pager.Find("[data-testid=page-next]").Click();
        Assert.Equal(["next-page"], loaded);
        Assert.Equal("第 2 页", pager.Find("[data-testid=page-number]").TextContent);
        Assert.False(pager.Find("[data-testid=page-previous]").HasAttribute("disabled"));
        Assert.True(pager.Find("[data-testid=page-next]").HasAttribute("disabled"));
        pager.Find("[data-testid=page-previous]").Click();
        Assert.Equal(["next-page", ""], loaded);
    }

    [Fact]
    public void A_plan_is_one_measure_a_line_and_one_dated_milestone_a_line()
    {
        var request = PlanDraft.ToRequest("item-1", " 开展专项整治 \n\n建立巡查台账\r\n", "2026-4-30 完成存量违建拆除\n2026/05/31　建立长效机制\n年底前 完成验收");

        Assert.Equal(["开展专项整治", "建立巡查台账"], request.Measures);
        Assert.Equal(("2026-04-30", "完成存量违建拆除"), (request.Milestones[0].Due, request.Milestones[0].Text));
        Assert.Equal(("2026-05-31", "建立长效机制"), (request.Milestones[1].Due, request.Milestones[1].Text));
        // No readable date: the text stays and the API names the missing date next to the box.
        Assert.Equal(("", "年底前 完成验收"), (request.Milestones[2].Due, request.Milestones[2].Text));
    }

    [Fact]
    public void Codes_read_in_chinese_and_an_unknown_code_shows_as_itself()
    {
        Assert.Equal("待验收", RectificationText.State("completion_submitted"));
        Assert.Equal("较重", RectificationText.Severity("serious"));
        Assert.Equal("退回重改", RectificationText.Action("sent_back"));
        Assert.Equal("ant-tag ant-tag-red", RectificationText.SeverityTag("severe"));
        Assert.Equal("new_state", RectificationText.State("new_state"));
    }

    [Theory]
    [InlineData("/api/rectification/v1/items/0193/evidence/0194/content", true)]
    [InlineData("/api/notification/v1/documents/0195/docx", true)]
    [InlineData("/api/rectification/v1/ledger/workbook", true)]
    [InlineData("/api/rectification/v1/items/0193", false)]
    [InlineData("/api/rectification/v1/items/../../admin/content", false)]
    [InlineData("/health/content", false)]
    public void Only_the_apis_file_downloads_pass_through_the_console(string path, bool passes) =>
        Assert.Equal(passes, ConsoleDownloads.IsDownloadPath(path));
}

public sealed class SeverityBarsTests : BunitContext
{
    private static Platform.Contracts.Rectification.V1.ItemCount Count(string severity, string state, int count, int overdue = 0) =>
        new() { Severity = severity, State = state, Count = count, Overdue = overdue };

    [Fact]
    public void Severity_bars_count_open_items_gravest_first_with_overdue_and_leave_out_verified_ones()
    {
        var bars = Render<SeverityBars>(p => p.Add(c => c.Counts, new[]
        {
            Count("severe", "completion_submitted", 1, overdue: 1),
            Count("serious", "verified", 4),
            Count("general", "open", 3, overdue: 2),
            Count("general", "in_progress", 3),
            Count("general", "verified", 7, overdue: 1),
        }));

        var rows = bars.FindAll("tbody tr");
        Assert.Equal(["severe", "serious", "general"], rows.Select(r => r.GetAttribute("data-severity")));
        Assert.Equal(["1", "1"], rows[0].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        Assert.Equal(["0", "0"], rows[1].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        // A verified item that was overdue is closed: it counts neither as open nor as overdue.
        Assert.Equal(["6", "2"], rows[2].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        // Shares of the seven open items: 14 % severe, 0 % serious, 86 % general.
        Assert.Equal(["14", "0", "86"], rows.Select(r => r.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow")));
        Assert.Equal("共 18 项，其中已验收销号 11 项。", bars.Find("[data-testid=severity-totals]").TextContent);
    }

    [Fact]
    public void No_items_show_every_severity_at_zero()
    {
        var bars = Render<SeverityBars>(p => p.Add(c => c.Counts, Array.Empty<Platform.Contracts.Rectification.V1.ItemCount>()));
        var rows = bars.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow")));
    }
}
