using System.Text;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests;

/// <summary>Bounded fuzz passes over the calendar files and the upload check (corpus in Corpus/).</summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Extensions = [".pdf", ".docx", ".xlsx", ".zip", ".ofd", ".txt", ".png", ".jpg", ".mp3", ".mp4", ".doc"];

    [Fact]
    public void The_calendar_parser_refuses_any_file_only_with_its_own_error() =>
        ParserFuzzing.Run(
            "Corpus/calendar",
            bytes => CalendarLoader.Parse(Encoding.UTF8.GetString(bytes), "2026.json"),
            error => error is CalendarDataException,
            tokens: ["\"year\":", "\"holidays\":", "\"makeUpWorkingDays\":", "\"date\":", "\"name\":", "null", "[", "]", "{", "}", "2026-02-30", "\"provisional\":true", "-1", "1e999", "\"\\u0000\""]);

    [Fact]
    public void The_upload_check_answers_every_file_without_throwing() =>
        ParserFuzzing.Run(
            "Corpus/uploads",
            bytes =>
            {
                foreach (var extension in Extensions)
                {
                    var validator = new RequestValidator();
                    var contentType = UploadCheck.Check(validator, "files[0].", "材料" + extension, bytes, Extensions, 16 * 1024 * 1024);
                    // Either a content type or a named problem, never both, never neither.
                    Assert.True(contentType is null != validator.IsValid);
                }
            },
            error => false,
            tokens: ["PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", "[Content_Types].xml", "word/document.xml", "vbaProject.bin", "MZ", "PE\0\0", "\u007fELF", "%PDF", "<!DOCTYPE"]);
}
