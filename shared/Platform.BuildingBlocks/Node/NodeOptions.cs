using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.Node;

public enum NodeLevel
{
    Province,
    City,
    County,
}

/// <summary>The office this node serves (section "Node").</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>What a node id looks like, here and wherever a request names another node.</summary>
    public const string IdPattern = "^[A-Za-z0-9_-]{1,64}$";

    /// <summary>Stable id of the node, stamped on every write and event.</summary>
    [Required, RegularExpression(IdPattern, ErrorMessage = "Node:Id must be 1-64 letters, digits, '-' or '_'.")]
    public string Id { get; set; } = ShippedId;

    [Required]
    public string Name { get; set; } = ShippedNameMark;

    public NodeLevel Level { get; set; } = NodeLevel.City;

    /// <summary>The id the repository ships (NodeOptions' default and appsettings.json): a development node's.</summary>
    public const string ShippedId = "dev";

    /// <summary>What the shipped names say (“开发节点”, “…（开发节点）”): a development node's.</summary>
    public const string ShippedNameMark = "开发节点";

    /// <summary>The id or the name is still the repository's development default, which no real office's node should carry.</summary>
    public bool HasShippedIdentity =>
        string.Equals(Id, ShippedId, StringComparison.Ordinal) || Name.Contains(ShippedNameMark, StringComparison.Ordinal);

    /// <summary>GB/T 2260 code of the node's region.</summary>
    [Required, RegularExpression("^[0-9]{6}$", ErrorMessage = "Node:RegionCode must be a six-digit GB/T 2260 code.")]
    public string RegionCode { get; set; } = "320600";
}
