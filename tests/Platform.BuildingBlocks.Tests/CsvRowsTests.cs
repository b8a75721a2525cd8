using System.Text;
using Platform.BuildingBlocks.Text;

namespace Platform.BuildingBlocks.Tests;

public sealed class CsvRowsTests
{
    [Fact]
    public void Quoted_fields_keep_commas_and_doubled_quotes()
    {
        var rows = CsvRows.Read("名称,别名\r\n\"南通市司法局, 市局\",\"他说\"\"好\"\"\"\r\n");

        var row = rows[1];
        Assert.Equal(["南通市司法局, 市局", "他说\"好\""], row.Fields);
        Assert.Null(row.Problem);
    }

    [Fact]
    public void A_line_break_inside_quotes_stays_in_the_field_and_later_lines_keep_their_numbers()
    {
        var rows = CsvRows.Read("名称,备注\n甲,\"第一行\n第二行\"\n乙,无\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal("第一行\n第二行", rows[1].Fields[1]);
        Assert.Equal([1, 2, 4], rows.Select(r => r.Line));
    }

    [Fact]
    public void Blank_lines_count_toward_the_line_numbers()
    {
        var rows = CsvRows.Read("a,b\r\n\r\nc,d\r\n");

        Assert.Equal(["c", "d"], rows.Single(r => r.Line == 3).Fields);
    }

    [Fact]
    public void A_utf8_bom_is_not_part_of_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("名称,类型\r\n市司法局,部门")).ToArray();

        var rows = CsvRows.Read(bytes);

        Assert.Equal("名称", rows[0].Fields[0]);
        Assert.Equal(["市司法局", "部门"], rows[1].Fields);
    }

    [Fact]
    public void Gbk_files_as_excel_saves_them_are_read()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

        var rows = CsvRows.Read(gbk.GetBytes("名称,类型\r\n\"崇川区人民政府\",政府\r\n"));

        Assert.Equal(["崇川区人民政府", "政府"], rows[1].Fields);
    }

    [Fact]
    public void A_stray_quote_marks_its_row_with_a_problem_and_the_rest_reads_on()
    {
        var rows = CsvRows.Read("名称,类型\n市\"司法局,部门\n市教育局,部门\n");

        Assert.Equal(2, rows[1].Line);
        Assert.Contains("引号", rows[1].Problem);
        Assert.Equal((3, (string?)null), (rows[2].Line, rows[2].Problem));
        Assert.Equal(["市教育局", "部门"], rows[2].Fields);
    }
}
