using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Platform.WebConsole.Sessions;

/// <summary>When the person last did something on this open page (its circuit): a click, a key, a navigation.</summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    private long _lastTicks = clock.GetUtcNow().UtcTicks;

    public DateTimeOffset Last => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

    public void Seen() => Interlocked.Exchange(ref _lastTicks, clock.GetUtcNow().UtcTicks);
}

/// <summary>
/// Records each message the browser sends the circuit as activity. Server-pushed renders are acknowledged by the
/// browser too, which is why the session guard itself never renders.
/// </summary>
public sealed class CircuitActivityHandler(CircuitActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Seen();
            return next(context);
        };
}
