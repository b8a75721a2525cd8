using Grpc.Core;
using Platform.WebConsole.Api;

namespace Platform.WebConsole.Notification;

/// <summary>
/// The person's unread messages for the layout's badge, one per circuit: the inbox refreshes it
/// after marking a message read, so the badge follows without a reload.
/// </summary>
public sealed class UnreadMessages(NodeApi api)
{
    /// <summary>What the badge counts up to; beyond it, "99+".</summary>
    public const int Cap = 99;

    public int? Count { get; private set; }

    public event Action? Changed;

    public string Badge => Count switch
    {
        null or 0 => "",
        > Cap => Cap + "+",
        var n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task RefreshAsync()
    {
        try
        {
            var page = await api.Notification.ListMyInboxAsync(new() { UnreadOnly = true, PageSize = Cap + 1 }, await api.AsUserAsync());
            Count = page.Messages.Count;
        }
        catch (RpcException)
        {
            // No inbox for this person (an operator): no badge, and the page says nothing about it.
            Count = null;
        }
        Changed?.Invoke();
    }
}

/// <summary>The API's message kinds and bulletin kinds as an office reads them.</summary>
public static class NotificationText
{
    public static readonly IReadOnlyList<(string Code, string Name)> BulletinKinds =
    [
        ("situation_bulletin", "情况通报"),
        ("commendation_bulletin", "表扬通报"),
        ("briefing", "简报"),
        ("special_report", "专报"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Audiences =
    [
        ("all", "单位全体"),
        ("liaison", "联络员"),
        ("leader", "单位负责人"),
    ];

    public static string Kind(string code) => code switch
    {
        "task_assigned" => "任务交办",
        "deadline_reminder" => "到期提醒",
        "overdue_reminder" => "逾期提醒",
        "escalation" => "督办",
        "inspection_feedback" => "督察反馈",
        "mission_notice" => "督察通知",
        "bulletin" => "通报",
        _ => code,
    };
}
