namespace Platform.BuildingBlocks.Edge;

/// <summary>Per-caller request limit at the edge (section "Edge:RateLimit").</summary>
public sealed class EdgeRateLimitOptions
{
    public const string SectionName = "Edge:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one caller (token subject, or address when anonymous) may make per window.</summary>
    public int PermitLimit { get; set; } = 1200;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
