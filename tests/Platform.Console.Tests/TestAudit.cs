using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Node;

namespace Platform.WebConsole.Tests;

/// <summary>The audit recorder as a node without an entry key builds it, outside any request.</summary>
internal static class TestAudit
{
    public static AuditRecorder Recorder(TimeProvider clock) => new(
        new HttpContextAccessor(),
        clock,
        Options.Create(new NodeOptions { Id = "test-node" }),
        new AuditEntryKey(new ConfigurationBuilder().Build(), new ServiceCollection().BuildServiceProvider()));
}
