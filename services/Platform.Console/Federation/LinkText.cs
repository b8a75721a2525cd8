using Platform.BuildingBlocks.Node;

namespace Platform.WebConsole.Federation;

/// <summary>A federation link's state and backlog as the operator reads them.</summary>
public static class LinkText
{
    /// <summary>An undelivered message older than this is marked (an hour: a link that is down, not one that is slow).</summary>
    public const long BacklogWarningSeconds = 3600;

    /// <summary>Why this node registers with no parent (a province is the top of the hierarchy), or null when it may.</summary>
    public static string? NoParent(NodeOptions node) => node.Level == NodeLevel.Province
        ? $"本节点为省级节点（{node.RegionCode}），是级联的最上级，不登记到上级节点；市级节点由本页“接入下级节点”生成的登记码接入。"
        : null;

    /// <summary>Why this node enrols no children (a county is the bottom of the hierarchy), or null when it may.</summary>
    public static string? NoChildren(NodeOptions node) => node.Level == NodeLevel.County
        ? $"本节点为县级节点（{node.RegionCode}），是级联的最下级，不接入下级节点。"
        : null;

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
