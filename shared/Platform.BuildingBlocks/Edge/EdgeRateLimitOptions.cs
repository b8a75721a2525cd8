using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.Edge;

/// <summary>Per-caller request limit at the edge (section "Edge:RateLimit").</summary>
public sealed class EdgeRateLimitOptions
{
    public const string SectionName = "Edge:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one caller (token subject, API key, or address when anonymous) may make in any sliding window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 1200;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Header of an API key (the inspection intake's integrator key); on <see cref="KeyPaths"/> requests carrying one are counted by the key's hash.</summary>
    public string? KeyHeader { get; set; } = "x-integrator-key";

    /// <summary>Path prefixes where a key is valid (the clue intake, REST and gRPC); elsewhere the key header is ignored and the address counts.</summary>
    public string[] KeyPaths { get; set; } = ["/api/inspection/intake", "/platform.inspection.v1.ClueIntakeService"];

    /// <summary>On the key paths, requests with a key also count against their address's "keyed" budget: this many times <see cref="PermitLimit"/>.</summary>
    [Range(1, 1000)]
    public int KeyedAddressLimitFactor { get; set; } = 10;
}
