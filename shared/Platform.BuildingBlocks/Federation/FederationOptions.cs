using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.Federation;

/// <summary>Section "Federation": how this node's links behave.</summary>
public sealed class FederationOptions
{
    public const string SectionName = "Federation";

    /// <summary>How long an enrolment code can be spent after it was created.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Federation:EnrolmentCodeLifetime must be between 5 minutes and 30 days.")]
    public TimeSpan EnrolmentCodeLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long a child's certificate, issued at approval, is valid.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Federation:LinkCertificateLifetime must be between 1 and 3650 days.")]
    public TimeSpan LinkCertificateLifetime { get; set; } = TimeSpan.FromDays(825);

    /// <summary>At most this many messages cross a link in one call.</summary>
    [Range(1, 1000, ErrorMessage = "Federation:DeliveryBatchSize must be between 1 and 1000.")]
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>
    /// How many links one delivery round serves at once. Each link is still served by one sender at a time, in
    /// sequence order; a province's round to its 13 cities no longer waits for each city in turn.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Federation:DeliveryParallelism must be between 1 and 64.")]
    public int DeliveryParallelism { get; set; } = 8;

    /// <summary>Polly retries of one delivery call before the link waits for its next round.</summary>
    [Range(0, 10, ErrorMessage = "Federation:DeliveryRetries must be between 0 and 10.")]
    public int DeliveryRetries { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Federation:DeliveryRetryDelay must be between 0 and 10 minutes.")]
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Federation:DeliveryMaxRetryDelay must be between 0 and 1 day.")]
    public TimeSpan DeliveryMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where this node's federation listener accepts mutual TLS (e.g. https://0.0.0.0:5443); unset, the
    /// node has no listener and can neither receive from peers nor be registered with.
    /// </summary>
    public string? ListenUrl { get; set; }

    /// <summary>The address peers reach the listener at (https://host:port), sent to the parent at registration.</summary>
    public string? PublicAddress { get; set; }

    /// <summary>The node's federation authority and certificate (PEM, 0600); default keys/federation.pem in the data directory.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// How long a delivered outbox row and an applied inbox row are kept for the operator; then the delivery
    /// worker deletes them (at most once an hour). Undelivered and unrecognised rows are never deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Federation:RetainDeliveredFor must be between 1 hour and 3650 days.")]
    public TimeSpan RetainDeliveredFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The pause between delivery rounds over all links.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Federation:PollInterval must be between 100 ms and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
