using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>The styles part and the indexes of its cell formats (cellXfs), which cells refer to.</summary>
internal static class WorkbookStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Header = 2;
    public const uint Text = 3;
    public const uint WrappedText = 4;
    public const uint Number = 5;
    /// <summary>Task progress: whole percents, so no decimal.</summary>
    public const uint WholePercent = 6;
    /// <summary>Rates: one decimal (0.0%).</summary>
    public const uint Percent = 7;
    /// <summary>The totals row's label and sums.</summary>
    public const uint Total = 8;
    public const uint TotalPercent = 9;

    /// <summary>The first id free for custom number formats; lower ids are Excel's built-in ones.</summary>
    public const uint PercentOneDecimalFormatId = 164;
    /// <summary>Built-in format "0%".</summary>
    public const uint PercentWholeFormatId = 9;

    // 宋体 with the GB2312 charset is on every Chinese Windows and WPS install, so clerks see no font substitution.
    private const string FontName = "宋体";
    private const int ChineseCharset = 134;

    private const uint RegularFont = 0;
    private const uint BoldFont = 1;
    private const uint TitleFont = 2;
    private const uint HeaderFill = 2;
    private const uint ThinBorder = 1;

    public static Stylesheet Build() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = PercentOneDecimalFormatId, FormatCode = "0.0%" }) { Count = 1 },
        new Fonts(Font(11, bold: false), Font(11, bold: true), Font(16, bold: true)) { Count = 3 },
        // The first two fills are reserved by Excel (none, gray125).
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(
                new ForegroundColor { Rgb = "FFD9E1F2" },
                new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            // Order must match the constants above.
            new CellFormat { NumberFormatId = 0, FontId = RegularFont, FillId = 0, BorderId = 0, FormatId = 0 },
            Format(0, TitleFont, 0, 0, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: false),
            Format(0, BoldFont, HeaderFill, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true),
            Format(0, RegularFont, 0, ThinBorder, null, VerticalAlignmentValues.Top, wrap: false),
            Format(0, RegularFont, 0, ThinBorder, null, VerticalAlignmentValues.Top, wrap: true),
            Format(0, RegularFont, 0, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(PercentWholeFormatId, RegularFont, 0, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(PercentOneDecimalFormatId, RegularFont, 0, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(0, BoldFont, 0, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false),
            Format(PercentOneDecimalFormatId, BoldFont, 0, ThinBorder, HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: false))
        { Count = 10 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(double size, bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(
            new FontSize { Val = size },
            new FontName { Val = FontName },
            new FontFamilyNumbering { Val = 2 },
            new FontCharSet { Val = ChineseCharset });
        return font;
    }

    private static CellFormat Format(
        uint numberFormat, uint font, uint fill, uint border,
        HorizontalAlignmentValues? horizontal, VerticalAlignmentValues vertical, bool wrap)
    {
        var alignment = new Alignment { Vertical = vertical };
        if (horizontal is { } h)
        {
            alignment.Horizontal = h;
        }

        if (wrap)
        {
            alignment.WrapText = true;
        }

        return new CellFormat(alignment)
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0,
            ApplyNumberFormat = numberFormat != 0 ? true : null,
            ApplyFont = font != RegularFont ? true : null,
            ApplyFill = fill != 0 ? true : null,
            ApplyBorder = border != 0 ? true : null,
            ApplyAlignment = true,
        };
    }
}
