using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Errors;
using Platform.Planning.Module.Features.ImportPlanDocument;

namespace Platform.Planning.Tests;

public sealed class NoticeFileTests
{
    [Fact]
    public void A_docx_notice_is_read_paragraph_by_paragraph_and_parsed()
    {
        var docx = Docx(
            "2026年海门区法治政府建设工作要点",
            "一、推进政府职能优化",
            "1.规范行政执法行为，开展执法案卷评查。（区司法局牵头，区政府办配合）");

        var text = NoticeFile.ReadText(docx, "content");
        var plan = new PlanDocumentParser([], []).Parse(NoticeText.Normalize(text));

        Assert.Equal("2026年海门区法治政府建设工作要点", plan.Title);
        var task = Assert.Single(Assert.Single(plan.Chapters).Tasks);
        Assert.Equal("规范行政执法行为，开展执法案卷评查。", task.Text);
        Assert.Equal(["区司法局"], task.LeadUnits.Select(u => u.Text));
        Assert.Equal(["区政府办"], task.CoUnits.Select(u => u.Text));
    }

    [Fact]
    public void A_text_file_is_still_decoded_as_text()
    {
        var bytes = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("一、部分\n1.任务。")).ToArray();

        Assert.Equal("一、部分\n1.任务。", NoticeFile.ReadText(bytes, "content"));
    }

    [Fact]
    public void A_broken_docx_is_refused_naming_the_field()
    {
        var broken = Docx("一、部分")[..200];

        var refused = Assert.Throws<ValidationException>(() => NoticeFile.ReadText(broken, "content"));

        Assert.Equal("content", Assert.Single(refused.Violations).Field);
    }

    /// <summary>
    /// Samples/pdf/sichuan-chengdu-2004.pdf is the corpus notice sichuan-chengdu-2004 saved as PDF by LibreOffice Writer
    /// 7.4 (text import, WenQuanYi Micro Hei embedded): a real text PDF whose long task lines wrap, the unit brackets
    /// included. Read from it, the notice must give the plan its text gives.
    /// </summary>
    [Fact]
    public void A_text_pdf_notice_imports_as_its_text_does()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        var pdf = File.ReadAllBytes(Path.Combine(samples, "pdf", "sichuan-chengdu-2004.pdf"));
        var source = string.Join('\n', File.ReadAllLines(Path.Combine(samples, "notices", "excerpts", "sichuan-chengdu-2004.txt")).SkipWhile(l => l.StartsWith('#')));
        var parser = new PlanDocumentParser([], []);

        var fromPdf = parser.Parse(NoticeText.Normalize(NoticeFile.ReadText(pdf, "content")));
        var fromText = parser.Parse(NoticeText.Normalize(source));

        Assert.Equal(4, fromText.Chapters.Sum(c => c.Tasks.Count));
        Assert.Equal(Outline(fromText), Outline(fromPdf));
    }

    [Fact]
    public void A_pdf_without_a_text_layer_is_refused_naming_the_field()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);

        var refused = Assert.Throws<ValidationException>(() => NoticeFile.ReadText(builder.Build(), "content"));

        Assert.Equal("content", Assert.Single(refused.Violations).Field);
        Assert.Contains("no text", Assert.Single(refused.Violations).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_pdf_is_refused_naming_the_field()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        var broken = File.ReadAllBytes(Path.Combine(samples, "pdf", "sichuan-chengdu-2004.pdf"))[..400];

        var refused = Assert.Throws<ValidationException>(() => NoticeFile.ReadText(broken, "content"));

        Assert.Equal("content", Assert.Single(refused.Violations).Field);
    }

    private static List<string> Outline(ImportedPlan plan) =>
        plan.Chapters.SelectMany(c => c.Tasks.Select(t =>
            $"{c.Title} | {t.Number} {t.Text} | {string.Join("、", t.LeadUnits.Select(u => u.Text))} | {string.Join("、", t.CoUnits.Select(u => u.Text))}")).ToList();

    private static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return stream.ToArray();
    }
}
