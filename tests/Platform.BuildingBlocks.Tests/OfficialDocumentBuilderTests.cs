using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Documents.Word;

namespace Platform.BuildingBlocks.Tests;

public sealed class OfficialDocumentBuilderTests
{
    [Theory]
    [InlineData("2026-12-01", "2026年12月1日")]
    [InlineData("2027-01-09", "2027年1月9日")]
    public void Dates_of_issue_are_in_arabic_numerals_without_leading_zeros(string date, string expected) =>
        Assert.Equal(expected, OfficialDocumentBuilder.DateText(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Headings_are_heiti_and_tables_print_in_the_body_font()
    {
        var bytes = new OfficialDocumentBuilder("督察情况报告", "督察组")
            .Title("督察情况报告")
            .Heading("一、督察对象")
            .Table(["序号", "单位"], [["1", "崇川区人民政府"]])
            .Body("本次督察共发现问题3个。")
            .ToBytes();
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document!.Body!;

        var heading = body.Elements<Paragraph>().Single(p => p.InnerText == "一、督察对象");
        Assert.Equal("黑体", heading.Descendants<RunFonts>().Single().EastAsia!.Value);
        Assert.Equal(200, heading.ParagraphProperties!.Indentation!.FirstLineChars!.Value);
        var cells = body.Descendants<TableCell>().ToList();
        Assert.Equal(4, cells.Count);
        Assert.All(cells, cell => Assert.Equal("仿宋_GB2312", cell.Descendants<RunFonts>().Single().EastAsia!.Value));
        Assert.NotNull(cells[0].Descendants<Bold>().SingleOrDefault());
        Assert.Null(cells[2].Descendants<Bold>().SingleOrDefault());
        Assert.Equal("督察情况报告", document.PackageProperties.Title);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Twenty_eight_characters_fill_the_line() =>
        // 442.2 pt / 28 = 15.79 pt a character: 0.21 pt less than 三号, in 1/4096 pt.
        Assert.Equal(-848, OfficialDocumentBuilder.CharacterSpace());
}
