using System.Globalization;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Page size and offset tokens for list RPCs. The token is opaque to callers; today it
/// carries an offset, which is enough while lists are ordered by an immutable key.
/// </summary>
public readonly record struct PageRequest(int Size, int Offset)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static PageRequest Parse(RequestValidator validator, int pageSize, string? pageToken)
    {
        var size = pageSize == 0 ? DefaultSize : pageSize;
        if (size < 1 || size > MaxSize)
        {
            validator.Add("page_size", $"must be between 1 and {MaxSize}, got {pageSize}");
        }
        var offset = 0;
        if (!string.IsNullOrEmpty(pageToken) &&
            (!int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            validator.Add("page_token", "is not a token returned by a previous call");
        }
        return new PageRequest(size, offset);
    }

    /// <summary>The token of the next page, given that one more row than the page was fetched.</summary>
    public string NextToken(int fetched) =>
        fetched > Size ? (Offset + Size).ToString(CultureInfo.InvariantCulture) : string.Empty;
}
