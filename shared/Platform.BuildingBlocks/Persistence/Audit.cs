using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Who did a write, when, and on which node (留痕). Stored with every entity a write creates or changes.</summary>
public sealed record Audit(string UserId, DateTimeOffset At, string NodeId);

/// <summary>Stamps writes of the current request with the caller, the clock and the node.</summary>
public sealed class AuditStamper(IHttpContextAccessor http, TimeProvider clock, IOptions<NodeOptions> node)
{
    public PlatformUser Caller =>
        (http.HttpContext ?? throw new InvalidOperationException("No request is being handled."))
        .GetPlatformUser();

    public Audit Now() => new(Caller.Id, clock.GetUtcNow(), node.Value.Id);

    public string NodeId => node.Value.Id;
}

public static class AuditMapping
{
    /// <summary>Maps an audit stamp to three columns: {prefix}_by, {prefix}_at, {prefix}_on_node.</summary>
    public static Microsoft.EntityFrameworkCore.Metadata.Builders.ComplexPropertyBuilder<Audit> MapAudit(
        this Microsoft.EntityFrameworkCore.Metadata.Builders.ComplexPropertyBuilder<Audit> audit, string prefix)
    {
        audit.Property(a => a.UserId).HasColumnName(prefix + "_by").HasMaxLength(100);
        audit.Property(a => a.At).HasColumnName(prefix + "_at");
        audit.Property(a => a.NodeId).HasColumnName(prefix + "_on_node").HasMaxLength(64);
        return audit;
    }
}
