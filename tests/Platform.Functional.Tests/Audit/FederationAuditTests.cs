using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.Contracts.Audit.V1;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.Functional.Tests.Audit;

/// <summary>The federation store's writes are sealed and verified like a service's.</summary>
public sealed class FederationAuditTests : IDisposable
{
    private readonly AuditNode _node = new();

    [Fact]
    public async Task An_enrolment_code_is_sealed_in_the_federation_store_and_verified()
    {
        Assert.Contains("federation", _node.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Stores);
        Assert.Contains("planning", _node.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Stores);
        var links = new Proto.FederationLinks.FederationLinksClient(_node.CreateGrpcChannel());
        var code = await links.CreateEnrolmentCodeAsync(new() { ChildRegionCode = "320602" }, _node.Operator);

        await _node.SealAsync();
        await using (var store = _node.Store("federation"))
        {
            var entry = await store.Entries.SingleAsync(e => e.EntityType == "federation_enrolment_codes" && e.Operation == "create");
            Assert.NotNull(entry.Sequence);
            Assert.Equal("operator", entry.UserId);
            Assert.True(await store.Checkpoints.AnyAsync());
        }
        var verified = await _node.Audit.VerifyChainAsync(new VerifyChainRequest { Service = "federation" }, _node.Auditor);
        var federation = Assert.Single(verified.Stores);
        Assert.True(federation.Intact, federation.FirstBreak?.Description);
        Assert.Equal(("federation", 0L), (federation.Service, federation.UnsealedEntries));
        Assert.True(federation.EntriesChecked >= 1);
        Assert.NotEmpty(code.Code);
    }

    public void Dispose() => _node.Dispose();
}
