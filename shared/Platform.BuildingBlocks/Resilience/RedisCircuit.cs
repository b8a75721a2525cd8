using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Resilience;

/// <summary>Section "Redis": how long a call to Redis may take before the node stops waiting for it.</summary>
public sealed class RedisResilienceOptions
{
    public const string SectionName = "Redis";

    /// <summary>A call that takes longer counts as a failure and gets the fallback.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the circuit stays open (every call straight to the fallback) before one call tries Redis again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The one circuit breaker of a process's Redis uses (edge counter, caches, leases): Redis is an
/// optional dependency, so after the first failures every call goes to its fallback at once
/// instead of waiting for a timeout, and one trial call after <see cref="RedisResilienceOptions.BreakDuration"/>
/// closes it again when Redis answers. Each opening, closing and fallback is logged and counted.
/// </summary>
public sealed partial class RedisCircuit
{
    public const string Dependency = "redis";

    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<RedisCircuit> _logger;
    private volatile string? _openReason;

    public RedisCircuit(IOptions<RedisResilienceOptions> options, ILogger<RedisCircuit> logger, TimeProvider clock)
    {
        _logger = logger;
        var settings = options.Value;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRedisFailure),
                // Two failures in a row are enough: each costs a caller up to the call timeout.
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    _openReason = Describe(args.Outcome.Exception);
                    ResilienceMetrics.CircuitChanged(Dependency, "opened");
                    LogOpened(_logger, _openReason, settings.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    ResilienceMetrics.CircuitChanged(Dependency, "half_opened");
                    LogHalfOpened(_logger);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _openReason = null;
                    ResilienceMetrics.CircuitChanged(Dependency, "closed");
                    LogClosed(_logger);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.CallTimeout)
            .Build();
    }

    /// <summary>Why the circuit is open (the last failure), or null while Redis is in use.</summary>
    public string? OpenReason => _openReason;

    /// <summary>Runs <paramref name="call"/> on Redis, or <paramref name="fallback"/> when Redis fails or the circuit is open.</summary>
    public async ValueTask<T> ExecuteAsync<T>(
        string operation, Func<CancellationToken, ValueTask<T>> call, Func<ValueTask<T>> fallback, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(call, cancellationToken);
        }
        catch (Exception ex) when (IsRedisFailure(ex) || ex is BrokenCircuitException or TimeoutRejectedException)
        {
            ResilienceMetrics.Fallback(Dependency, operation);
            LogFallback(_logger, operation, Describe(ex));
            return await fallback();
        }
    }

    /// <summary>A Redis call whose failure only costs the work it would have saved (a cache write, a release).</summary>
    public ValueTask ExecuteAsync(string operation, Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken) =>
        new(ExecuteAsync<bool>(
            operation,
            async token => { await call(token); return true; },
            () => ValueTask.FromResult(false),
            cancellationToken).AsTask());

    /// <summary>
    /// Runs <paramref name="call"/> through the circuit without a fallback, for the health check:
    /// once the break has elapsed the call is the circuit's trial, so a node whose traffic never
    /// touches Redis still closes the circuit when Redis is back. Throws
    /// <see cref="BrokenCircuitException"/> while the break lasts, or the call's failure.
    /// </summary>
    public ValueTask<T> ProbeAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(call, cancellationToken);

    /// <summary>Whether <paramref name="ex"/> is Redis failing (or the circuit refusing the call), the cases a fallback covers.</summary>
    public static bool IsFailure(Exception ex) => IsRedisFailure(ex) || ex is BrokenCircuitException;

    /// <summary>The synchronous face of <see cref="ExecuteAsync{T}"/>, for the synchronous cache methods.</summary>
    public T Execute<T>(string operation, Func<CancellationToken, T> call, Func<T> fallback)
    {
        try
        {
            return _pipeline.Execute(call, CancellationToken.None);
        }
        catch (Exception ex) when (IsRedisFailure(ex) || ex is BrokenCircuitException or TimeoutRejectedException)
        {
            ResilienceMetrics.Fallback(Dependency, operation);
            LogFallback(_logger, operation, Describe(ex));
            return fallback();
        }
    }

    private static bool IsRedisFailure(Exception ex) =>
        ex is RedisException or TimeoutException or TimeoutRejectedException or ObjectDisposedException or System.Net.Sockets.SocketException;

    public static string Describe(Exception? ex) => ex switch
    {
        null => "unknown",
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "no answer within the call timeout",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis circuit opened for {Seconds} s after: {Reason}; edge counter, caches and leases use their fallbacks")]
    private static partial void LogOpened(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis circuit half-open: trying Redis again")]
    private static partial void LogHalfOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis circuit closed: Redis answers again")]
    private static partial void LogClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis {Operation} fell back ({Reason})")]
    private static partial void LogFallback(ILogger logger, string operation, string reason);
}
