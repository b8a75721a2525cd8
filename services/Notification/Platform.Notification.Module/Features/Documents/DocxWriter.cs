using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Notification.Module.Domain;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// A document as .docx in the layout of Chinese official documents (GB/T 9704-2012): A4 with
/// the standard margins, the issuing office in red at the head, the 文号, a red rule, the
/// title in 小标宋 二号, the addressee, the body in 仿宋 三号 with a two-character indent,
/// issuer and date on the right, and the 抄送 line between two rules at the end.
/// </summary>
public static class DocxWriter
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string Red = "C00000";

    // Half-points: 二号 22pt, 三号 16pt, 四号 14pt; the red head is larger than the title.
    private const int HeadSize = 52;
    private const int TitleSize = 44;
    private const int BodySize = 32;
    private const int CopyToSize = 28;

    public static byte[] Write(RenderedDocument document, string issuingOffice)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(issuingOffice, TitleFont, HeadSize, JustificationValues.Center, color: Red, bold: true));
            body.Append(Paragraph(document.Number, BodyFont, BodySize, JustificationValues.Center, borderBottom: Red));
            body.Append(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
            body.Append(Paragraph(document.Title, TitleFont, TitleSize, JustificationValues.Center));
            body.Append(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
            if (document.Addressee.Length > 0)
            {
                body.Append(Paragraph(document.Addressee + "：", BodyFont, BodySize, JustificationValues.Left));
            }
            foreach (var paragraph in DocumentHtml.BodyParagraphs(document))
            {
                body.Append(Paragraph(paragraph, BodyFont, BodySize, JustificationValues.Both, firstLineChars: 200));
            }
            body.Append(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
            body.Append(Paragraph(document.Issuer, BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 400));
            body.Append(Paragraph(document.IssuedOnText, BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 400));
            if (document.CopyTo.Length > 0)
            {
                body.Append(Paragraph(string.Empty, BodyFont, BodySize, JustificationValues.Left));
                body.Append(Paragraph("抄送：" + document.CopyTo + "。", BodyFont, CopyToSize, JustificationValues.Left, borderTop: "000000", borderBottom: "000000"));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                // 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            package.PackageProperties.Title = document.Title;
            package.PackageProperties.Creator = document.Issuer;
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(
        string text, string font, int halfPoints, JustificationValues justification,
        string? color = null, bool bold = false, string? borderTop = null, string? borderBottom = null,
        int firstLineChars = 0, int rightIndentChars = 0)
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
        properties.Append(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" });
        if (firstLineChars > 0 || rightIndentChars > 0)
        {
            properties.Append(new Indentation
            {
                FirstLineChars = firstLineChars > 0 ? firstLineChars : null,
                RightChars = rightIndentChars > 0 ? rightIndentChars : null,
            });
        }
        properties.Append(new Justification { Val = justification });

        var runProperties = new RunProperties(
            new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        if (color is not null)
        {
            runProperties.Append(new Color { Val = color });
        }
        runProperties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return paragraph;
    }
}
