using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Platform.BuildingBlocks.Documents.Word;

/// <summary>
/// Builds a .docx in the layout of Chinese official documents, GB/T 9704-2012 (党政机关公文格式):
/// A4 with a 156 mm × 225 mm type area (top 37 mm, left 28 mm), 22 lines of 28 characters,
/// the body in 仿宋 三号 with a two-character first-line indent, the title in 小标宋 二号,
/// first-level headings in 黑体. Fonts are declared as East Asian fonts (w:eastAsia) and in
/// the font table with an installed fallback, so Word and WPS pick them rather than a Latin font.
/// Add paragraphs in reading order, then call <see cref="ToBytes"/>.
/// </summary>
public sealed class OfficialDocumentBuilder(string title, string author)
{
    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";

    /// <summary>
    /// What Word uses where a font is missing: 仿宋 and 宋体 come with every Chinese Windows and
    /// WPS, where the GB2312-era and 方正 fonts often do not; 黑体 gets its English name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FallbackFonts = new Dictionary<string, string>
    {
        [TitleFont] = "宋体",
        [BodyFont] = "仿宋",
        [HeadingFont] = "SimHei",
    };

    /// <summary>Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt; the issuing office's mark is larger than the title.</summary>
    public const int MarkSize = 52;
    public const int TitleSize = 44;
    public const int BodySize = 32;
    public const int SmallSize = 28;

    public const int LinesPerPage = 22;
    public const int CharactersPerLine = 28;

    // Twentieths of a point (twips): 1 mm = 1440 / 25.4 twips.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int TopMargin = 2098;     // 37 mm
    public const int LeftMargin = 1588;    // 28 mm
    public const int RightMargin = 1474;   // 26 mm: 210 − 28 − 156
    public const int BottomMargin = 1984;  // 35 mm: 297 − 37 − 225

    /// <summary>225 mm of type area over 22 lines, 28.95 pt; Word keeps whole twips.</summary>
    public const int LinePitch = 579;

    /// <summary>Two characters of 三号 (16 pt) for readers that ignore the character-unit indent.</summary>
    private const int TwoCharacters = 640;

    private const string Red = "C00000";

    private readonly List<OpenXmlElement> _content = [];

    /// <summary>The issuing office's mark (发文机关标志): red, centred, above the number.</summary>
    public OfficialDocumentBuilder IssuingOfficeMark(string office)
    {
        _content.Add(Paragraph(office, TitleFont, MarkSize, JustificationValues.Center, color: Red));
        return this;
    }

    /// <summary>The 发文字号, centred, with the red separator line (版头中的分隔线) under it.</summary>
    public OfficialDocumentBuilder DocumentNumber(string number)
    {
        _content.Add(Paragraph(number, BodyFont, BodySize, JustificationValues.Center, borderBottom: Red));
        return this;
    }

    /// <summary>The title (标题): 小标宋 二号, centred, with a blank line above and below.</summary>
    public OfficialDocumentBuilder Title(string text)
    {
        Blank();
        _content.Add(Paragraph(text, TitleFont, TitleSize, JustificationValues.Center));
        return Blank();
    }

    /// <summary>A line flush left, as the addressee (主送机关).</summary>
    public OfficialDocumentBuilder FlushLeft(string text)
    {
        _content.Add(Paragraph(text, BodyFont, BodySize, JustificationValues.Left));
        return this;
    }

    /// <summary>A body paragraph: justified, first line indented two characters.</summary>
    public OfficialDocumentBuilder Body(string text)
    {
        _content.Add(Paragraph(text, BodyFont, BodySize, JustificationValues.Both, indentFirstLine: true));
        return this;
    }

    /// <summary>A first-level heading (一、…): 黑体 三号, indented like the body.</summary>
    public OfficialDocumentBuilder Heading(string text)
    {
        _content.Add(Paragraph(text, HeadingFont, BodySize, JustificationValues.Left, indentFirstLine: true));
        return this;
    }

    public OfficialDocumentBuilder Blank()
    {
        _content.Add(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
        return this;
    }

    /// <summary>
    /// The issuer (发文机关署名) and the date (成文日期), which GB/T 9704-2012 writes in Arabic
    /// numerals (2026年12月1日), both kept four characters from the right margin.
    /// </summary>
    public OfficialDocumentBuilder Signature(string issuer, DateOnly issuedOn)
    {
        Blank();
        _content.Add(Paragraph(issuer, BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 400));
        _content.Add(Paragraph(DateText(issuedOn), BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 400));
        return this;
    }

    /// <summary>The 抄送 line in 四号 between two rules, at the end of the document.</summary>
    public OfficialDocumentBuilder CopyTo(string recipients)
    {
        Blank();
        _content.Add(Paragraph("抄送：" + recipients + "。", BodyFont, SmallSize, JustificationValues.Left, borderTop: "000000", borderBottom: "000000"));
        return this;
    }

    /// <summary>A table with single rules; the header row is bold. Cells use the body font.</summary>
    public OfficialDocumentBuilder Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        // Equal columns across the type area; Word widens them to their content.
        var columnWidth = ((PageWidth - LeftMargin - RightMargin) / Math.Max(1, header.Count)).ToString(CultureInfo.InvariantCulture);
        table.Append(new TableGrid(header.Select(_ => new GridColumn { Width = columnWidth })));
        table.Append(Row(header, bold: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, bold: false));
        }

        _content.Add(table);
        // Word needs a paragraph between two tables or after the last one.
        _content.Add(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
        return this;
    }

    /// <summary>成文日期 as GB/T 9704-2012 (7.3.5.3) writes it: Arabic numerals, no leading zeros.</summary>
    public static string DateText(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<FontTablePart>().Fonts = FontTable();
            var body = new Body();
            foreach (var element in _content)
            {
                body.Append(element.CloneNode(true));
            }

            body.Append(Section());
            main.Document = new Document(body);
            package.PackageProperties.Title = title;
            package.PackageProperties.Creator = author;
        }

        return stream.ToArray();
    }

    private static SectionProperties Section() => new(
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin { Top = TopMargin, Bottom = BottomMargin, Left = LeftMargin, Right = RightMargin, Header = 851U, Footer = 992U, Gutter = 0U },
        // 22 lines of 28 characters: the line pitch splits the type area's height, the character
        // pitch (relative to the 16 pt default, in 1/4096 pt) its width.
        new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = CharacterSpace() });

    /// <summary>156 mm / 28 characters, less the 16 pt of a 三号 character, in 1/4096 pt.</summary>
    public static int CharacterSpace()
    {
        var typeAreaWidthPoints = (PageWidth - LeftMargin - RightMargin) / 20d;
        return (int)Math.Round((typeAreaWidthPoints / CharactersPerLine - BodySize / 2d) * 4096);
    }

    /// <summary>Defaults, so tables and anything without its own run properties still print in 仿宋 三号.</summary>
    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(BodyFont),
                new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Line = LinePitch.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>Each font with its GB2312 charset and an installed fallback (w:altName).</summary>
    private static Fonts FontTable() => new(FallbackFonts.Select(pair => new Font(
        new AltName { Val = pair.Value },
        new FontCharSet { Val = "86" },
        new FontFamily { Val = FontFamilyValues.Modern },
        new Pitch { Val = FontPitchValues.Fixed })
    { Name = pair.Key }));

    private static RunFonts Fonts(string font) =>
        new() { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia };

    private static TableRow Row(IEnumerable<string> cells, bool bold) => new(cells.Select(c => new TableCell(
        Paragraph(c, BodyFont, BodySize, JustificationValues.Center, bold: bold))));

    private static Paragraph Paragraph(
        string text, string font, int halfPoints, JustificationValues justification,
        string? color = null, bool bold = false, string? borderTop = null, string? borderBottom = null,
        bool indentFirstLine = false, int rightIndentChars = 0)
    {
        var properties = new ParagraphProperties();
        if (borderTop is not null || borderBottom is not null)
        {
            var borders = new ParagraphBorders();
            if (borderTop is not null)
            {
                borders.Append(new TopBorder { Val = BorderValues.Single, Size = 6U, Color = borderTop, Space = 1U });
            }

            if (borderBottom is not null)
            {
                borders.Append(new BottomBorder { Val = BorderValues.Single, Size = 12U, Color = borderBottom, Space = 1U });
            }

            properties.Append(borders);
        }

        properties.Append(new SpacingBetweenLines { Line = LinePitch.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" });
        if (indentFirstLine || rightIndentChars > 0)
        {
            var indentation = new Indentation();
            if (indentFirstLine)
            {
                // Character units for Word and WPS, the same width in twips for readers without them.
                indentation.FirstLineChars = 200;
                indentation.FirstLine = TwoCharacters.ToString(CultureInfo.InvariantCulture);
            }

            if (rightIndentChars > 0)
            {
                indentation.RightChars = rightIndentChars;
            }

            properties.Append(indentation);
        }

        properties.Append(new Justification { Val = justification });
        var paragraph = new Paragraph(properties);
        if (text.Length == 0)
        {
            return paragraph;
        }

        var run = new RunProperties(Fonts(font));
        if (bold)
        {
            run.Append(new Bold());
        }

        if (color is not null)
        {
            run.Append(new Color { Val = color });
        }

        var size = halfPoints.ToString(CultureInfo.InvariantCulture);
        run.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        paragraph.Append(new Run(run, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }
}
