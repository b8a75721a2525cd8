namespace Platform.BuildingBlocks.Federation;

/// <summary>Section "Federation": how this node's links behave.</summary>
public sealed class FederationOptions
{
    public const string SectionName = "Federation";

    /// <summary>How long an enrolment code can be spent after it was created.</summary>
    public TimeSpan EnrolmentCodeLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long a child's certificate, issued at approval, is valid.</summary>
    public TimeSpan LinkCertificateLifetime { get; set; } = TimeSpan.FromDays(825);

    /// <summary>At most this many messages cross a link in one call.</summary>
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>Polly retries of one delivery call before the link waits for its next round.</summary>
    public int DeliveryRetries { get; set; } = 4;

    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DeliveryMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
