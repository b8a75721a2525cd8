using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Tests;

/// <summary>The .docx of an official document read back, checked against GB/T 9704-2012.</summary>
public sealed class DocxWriterTests
{
    private const string Office = "中共南通市委全面依法治市委员会办公室";

    private static readonly RenderedDocument Letter = new(
        "通法督函〔2026〕7号", "关于行政执法案卷不规范整改工作的督办函", "崇川区人民政府",
        "你单位整改事项连续两次逾期。\n请于十五个工作日内报送整改情况。", Office,
        new DateOnly(2026, 12, 1), "2026年12月1日", "市纪委监委");

    [Fact]
    public void Body_paragraphs_are_fangsong_sanhao_indented_two_characters()
    {
        using var document = Open();
        var body = Paragraphs(document).Where(p => p.InnerText is "你单位整改事项连续两次逾期。" or "请于十五个工作日内报送整改情况。").ToList();

        Assert.Equal(2, body.Count);
        Assert.All(body, paragraph =>
        {
            Assert.Equal(200, paragraph.ParagraphProperties!.Indentation!.FirstLineChars!.Value);
            Assert.Equal("640", paragraph.ParagraphProperties.Indentation.FirstLine!.Value);
            Assert.Equal(JustificationValues.Both, paragraph.ParagraphProperties.Justification!.Val!.Value);
            var fonts = paragraph.Descendants<RunFonts>().Single();
            Assert.Equal("仿宋_GB2312", fonts.EastAsia!.Value);
            Assert.Equal(FontTypeHintValues.EastAsia, fonts.Hint!.Value);
            Assert.Equal("32", paragraph.Descendants<FontSize>().Single().Val!.Value);
        });
    }

    [Fact]
    public void Title_is_xiaobiaosong_erhao_centred()
    {
        using var document = Open();
        var title = Paragraphs(document).Single(p => p.InnerText == Letter.Title);

        Assert.Equal("方正小标宋简体", title.Descendants<RunFonts>().Single().EastAsia!.Value);
        Assert.Equal("44", title.Descendants<FontSize>().Single().Val!.Value);
        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
    }

    [Fact]
    public void Missing_fonts_fall_back_to_ones_every_chinese_system_has()
    {
        using var document = Open();
        var fonts = document.MainDocumentPart!.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName!.Val!.Value);

        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("宋体", fonts["方正小标宋简体"]);
        var defaults = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
    }

    [Fact]
    public void Page_is_a4_with_the_standard_type_area_and_22_lines()
    {
        using var document = Open();
        var section = document.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();
        var margin = section.GetFirstChild<PageMargin>()!;
        var size = section.GetFirstChild<PageSize>()!;

        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        // 37 mm top, 28 mm left: a 156 mm × 225 mm type area, ±1 mm.
        Assert.InRange(Millimetres(margin.Top!.Value), 36, 38);
        Assert.InRange(Millimetres(margin.Left!.Value), 27, 29);
        Assert.InRange(Millimetres(size.Width.Value - margin.Left.Value - margin.Right!.Value), 155, 157);
        Assert.InRange(Millimetres(size.Height.Value - margin.Top.Value - margin.Bottom!.Value), 224, 226);
        var grid = section.GetFirstChild<DocGrid>()!;
        Assert.Equal(DocGridValues.LinesAndChars, grid.Type!.Value);
        Assert.Equal(22, (int)Math.Round(Millimetres(size.Height.Value - margin.Top.Value - margin.Bottom.Value) / Millimetres(grid.LinePitch!.Value)));
        var body = Paragraphs(document).First(p => p.InnerText == "你单位整改事项连续两次逾期。");
        Assert.Equal(grid.LinePitch.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), body.ParagraphProperties!.SpacingBetweenLines!.Line!.Value);
        // 28 characters of 16 pt plus the grid's character spacing fill the type area's width.
        var pitchPoints = 16 + grid.CharacterSpace!.Value / 4096d;
        Assert.Equal(156, 28 * pitchPoints * 25.4 / 72, 0.5);
    }

    [Fact]
    public void Date_of_issue_is_in_arabic_numerals_on_the_right()
    {
        using var document = Open();
        var texts = Paragraphs(document).Where(p => p.InnerText.Length > 0).ToList();

        Assert.Equal("2026年12月1日", texts[^2].InnerText);
        Assert.Equal(JustificationValues.Right, texts[^2].ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(400, texts[^2].ParagraphProperties!.Indentation!.RightChars!.Value);
        Assert.Equal(Office, texts[^3].InnerText);
        Assert.Equal("抄送：市纪委监委。", texts[^1].InnerText);
    }

    [Fact]
    public void The_document_passes_the_validator()
    {
        using var document = Open();

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static WordprocessingDocument Open() => WordprocessingDocument.Open(new MemoryStream(DocxWriter.Write(Letter, Office)), false);

    private static List<Paragraph> Paragraphs(WordprocessingDocument document) =>
        [.. document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()];

    private static double Millimetres(double twips) => twips / 1440 * 25.4;
}
