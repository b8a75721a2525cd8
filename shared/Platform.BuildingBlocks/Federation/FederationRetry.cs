using Polly;
using Polly.Retry;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The Polly retries of a call to a peer node (a delivery, a registration): Federation:DeliveryRetries attempts after
/// the first, exponential backoff with jitter from DeliveryRetryDelay up to DeliveryMaxRetryDelay.
/// </summary>
public static class FederationRetry
{
    public static ResiliencePipeline Pipeline(FederationOptions options, TimeProvider clock, Func<Exception, bool> retried)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock };
        // Polly refuses zero retry attempts; zero retries means one try.
        if (options.DeliveryRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(retried),
                MaxRetryAttempts = options.DeliveryRetries,
                Delay = options.DeliveryRetryDelay,
                MaxDelay = options.DeliveryMaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        return pipeline.Build();
    }
}
