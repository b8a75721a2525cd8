using System.IO.Compression;
using Google.Protobuf;
using Platform.Contracts.Inspection.V1;
using Platform.Functional.Tests.Inspection;

namespace Platform.Functional.Tests.Security;

/// <summary>The three uploads the issue named, refused through the node with the field and the reason; nothing is stored.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class UploadContentTests(InspectionNode node)
{
    private static byte[] Executable()
    {
        var exe = new byte[0x100];
        "MZ"u8.CopyTo(exe);
        exe[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    private static byte[] DocxHolding(string entry, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
            Add("[Content_Types].xml", System.Text.Encoding.UTF8.GetBytes(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" " +
                "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"));
            Add("word/document.xml", "<w:document/>"u8.ToArray());
            Add(entry, content);
        }
        return buffer.ToArray();
    }

    public static TheoryData<string, byte[], string> Disguised => new()
    {
        { "说明.txt", Executable(), "Windows executable" },
        { "整改报告.docx", DocxHolding("word/embeddings/setup.exe", "x"u8.ToArray()), "setup.exe" },
        { "案卷.pdf", [.. "%PDF-1.7\n"u8.ToArray(), .. Executable(), .. "\n%%EOF\n"u8.ToArray()], "Windows executable at byte 9" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_disguised_executable_is_refused_on_content_and_not_stored(string fileName, byte[] content, string reason)
    {
        var unit = InspectionNode.NewUnit("海安市人民政府", "320685");
        var (mission, inspector) = await node.MissionInProgressAsync(unit);
        var finding = await node.RecordAsync(mission.Id, unit.Id, "行政复议案卷归档不规范", inspector);
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.AddEvidenceAsync(
            new AddEvidenceRequest { FindingId = finding.Id, FileName = fileName, Content = ByteString.CopyFrom(content) }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "content");
        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);

        var clean = await node.Inspection.AddEvidenceAsync(new AddEvidenceRequest
        {
            FindingId = finding.Id, FileName = "整改报告.docx", Content = ByteString.CopyFrom(DocxHolding("word/media/image1.png", [0x89, 0x50, 0x4E, 0x47])),
        }, inspector);
        var stored = await node.Inspection.GetFindingAsync(new GetFindingRequest { FindingId = finding.Id }, node.Clerk);
        Assert.Equal([clean.Id], stored.Evidence.Select(e => e.Id));
    }
}
