namespace Platform.WebConsole.Federation;

/// <summary>A federation link's state and backlog as the operator reads them.</summary>
public static class LinkText
{
    /// <summary>An undelivered message older than this is marked (an hour: a link that is down, not one that is slow).</summary>
    public const long BacklogWarningSeconds = 3600;

    public static string State(string state) => state switch
    {
        "pending" => "待批准",
        "active" => "正常",
        "revoked" => "已撤销",
        _ => state,
    };

    public static string StateTag(string state) => state switch
    {
        "pending" => "ant-tag ant-tag-orange",
        "active" => "ant-tag ant-tag-green",
        "revoked" => "ant-tag ant-tag-red",
        _ => "ant-tag",
    };

    /// <summary>Seconds as "45 秒", "12 分钟", "3 小时", "2 天".</summary>
    public static string Age(long seconds) => seconds switch
    {
        < 60 => $"{Math.Max(0, seconds)} 秒",
        < 3600 => $"{seconds / 60} 分钟",
        < 86400 => $"{seconds / 3600} 小时",
        _ => $"{seconds / 86400} 天",
    };
}
