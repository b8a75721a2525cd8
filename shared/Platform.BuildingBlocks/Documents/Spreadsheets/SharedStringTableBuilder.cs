using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>
/// Collects the distinct cell strings while the sheets stream out, then writes the shared string
/// part once. Units, statuses and rules repeat on many rows, so each is stored once.
/// </summary>
internal sealed class SharedStringTableBuilder
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];
    private int _references;

    /// <param name="text">Already cleaned by <see cref="CellText.Clean"/>.</param>
    public int IndexOf(string text)
    {
        _references++;
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = _items.Count;
            _indexes.Add(text, index);
            _items.Add(text);
        }

        return index;
    }

    public void WriteTo(SharedStringTablePart part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteStartElement(new SharedStringTable { Count = (uint)_references, UniqueCount = (uint)_items.Count });
        foreach (var item in _items)
        {
            var text = new DocumentFormat.OpenXml.Spreadsheet.Text(item);
            // Without it XML readers may trim the leading and trailing spaces a user typed.
            if (item.Length > 0 && (char.IsWhiteSpace(item[0]) || char.IsWhiteSpace(item[^1])))
            {
                text.Space = SpaceProcessingModeValues.Preserve;
            }

            writer.WriteElement(new SharedStringItem(text));
        }

        writer.WriteEndElement();
    }
}
