using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Xunit;

namespace Platform.BuildingBlocks.Tests.AuditTrail;

/// <summary>
/// Gateway replicas share one anchor file on the chart's volume, each sealing the stores whose
/// lease it holds: no replica's write may drop what another signed, and a restarted replica finds
/// every store's anchor.
/// </summary>
public sealed class AuditAnchorsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("anchors-");

    private AuditAnchors Replica() =>
        new(Options.Create(new AuditOptions { AnchorFile = Path.Combine(_directory.FullName, "audit-anchor.json") }));

    [Fact]
    public void Two_replicas_writing_one_file_keep_each_others_anchors()
    {
        var first = Replica();
        var second = Replica();
        first.Set("planning", new AuditAnchor(5, 500, "p5", "cp5"));
        second.Set("inspection", new AuditAnchor(3, 300, "i3", "ci3"));
        // The second replica started before the first wrote, and still does not forget planning's anchor.
        Assert.Equal(5, second.Get("planning")?.Number);

        // An older checkpoint of a store never replaces a later one, whichever replica writes it.
        second.Set("planning", new AuditAnchor(4, 400, "p4", "cp4"));
        first.Set("inspection", new AuditAnchor(2, 200, "i2", "ci2"));

        var restarted = Replica();
        Assert.Equal((5L, "p5"), (restarted.Get("planning")!.Number, restarted.Get("planning")!.Hash));
        Assert.Equal((3L, "i3"), (restarted.Get("inspection")!.Number, restarted.Get("inspection")!.Hash));
        Assert.Equal(3, first.Get("inspection")?.Number);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
