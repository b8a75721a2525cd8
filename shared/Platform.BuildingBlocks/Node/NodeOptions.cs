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
    public string Id { get; set; } = "dev";

    [Required]
    public string Name { get; set; } = "开发节点";

    public NodeLevel Level { get; set; } = NodeLevel.City;

    /// <summary>GB/T 2260 code of the node's region.</summary>
    [Required, RegularExpression("^[0-9]{6}$", ErrorMessage = "Node:RegionCode must be a six-digit GB/T 2260 code.")]
    public string RegionCode { get; set; } = "320600";
}
