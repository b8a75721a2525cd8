using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Text;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>
/// A list an office uploads to import (people, units), as it keeps it: CSV (UTF-8 or GBK) or an Excel workbook
/// (.xlsx, first sheet), chosen by the file's name. Either way the rows carry the line the office sees in its
/// file, so an importer reports a bad row by line. A file that is neither is refused naming the field.
/// </summary>
public static class ListUpload
{
    /// <exception cref="ValidationException">On <c>content</c> or <c>file_name</c> when the file cannot be read as a list.</exception>
    public static IReadOnlyList<CsvRow> Read(ReadOnlySpan<byte> content, string? fileName, int maxBytes)
    {
        if (content.IsEmpty)
        {
            throw new ValidationException("content", "must not be empty; upload the CSV or .xlsx file");
        }
        if (content.Length > maxBytes)
        {
            throw new ValidationException("content", $"is {content.Length} bytes; at most {maxBytes} bytes are accepted");
        }
        var extension = Path.GetExtension(UploadCheck.FileNameOf(fileName)).ToLowerInvariant();
        if (extension is ".csv" or ".txt")
        {
            if (!LooksLikeText(content))
            {
                throw new ValidationException("content", "is not a CSV text file (it holds binary data); save the list as CSV (UTF-8 or GBK) or as an Excel workbook (.xlsx)");
            }
            return CsvRows.Read(content);
        }
        if (extension != ".xlsx")
        {
            throw new ValidationException("file_name", extension == ".xls"
                ? "is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV and import it again"
                : $"must name a CSV file (.csv, .txt) or an Excel workbook (.xlsx), got '{Truncated(UploadCheck.FileNameOf(fileName))}'");
        }
        // A workbook is a zip: the shared upload check looks inside it before it is opened.
        var validator = new RequestValidator();
        UploadCheck.Check(validator, "", fileName, content, [".xlsx"], maxBytes);
        validator.ThrowIfInvalid();
        try
        {
            return WorkbookReader.ReadFirstSheet(content);
        }
        catch (InvalidDataException e)
        {
            throw new ValidationException("content", e.Message);
        }
    }

    /// <summary>
    /// A CSV is text: no NUL byte (UTF-16 only with its byte-order mark, which the decoder reads) and none of the
    /// signatures of the binary files most often renamed .csv (a workbook or other zip, an Excel 97-2003 or Word file,
    /// a PDF, a program).
    /// </summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }
        ReadOnlySpan<byte> zip = [0x50, 0x4B, 0x03, 0x04];
        ReadOnlySpan<byte> ole = [0xD0, 0xCF, 0x11, 0xE0];
        return !content.StartsWith(zip) && !content.StartsWith(ole) && !content.StartsWith("%PDF"u8) && !content.StartsWith("MZ"u8)
            && !content.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) && content.IndexOf((byte)0) < 0;
    }

    private static string Truncated(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
