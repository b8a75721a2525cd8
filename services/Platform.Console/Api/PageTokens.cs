namespace Platform.WebConsole.Api;

/// <summary>
/// Server-side paging by the API's page tokens: the token of the page shown and those before it,
/// so a list can go back as well as forward (the API only hands out the next page's token).
/// </summary>
public sealed class PageTokens
{
    private readonly Stack<string> _previous = new();

    /// <summary>The token of the page shown ("" for the first).</summary>
    public string Current { get; private set; } = "";

    /// <summary>The next page's token from the last answer ("" at the end).</summary>
    public string Next { get; private set; } = "";

    public int PageNumber => _previous.Count + 1;

    public bool HasPrevious => _previous.Count > 0;

    public bool HasNext => Next.Length > 0;

    /// <summary>Records the answer's next-page token for the page shown.</summary>
    public void Answered(string? nextPageToken) => Next = nextPageToken ?? "";

    public void Forward()
    {
        if (!HasNext)
        {
            return;
        }
        _previous.Push(Current);
        Current = Next;
        Next = "";
    }

    public void Back()
    {
        if (_previous.Count == 0)
        {
            return;
        }
        Current = _previous.Pop();
        Next = "";
    }

    /// <summary>A new filter starts again at the first page.</summary>
    public void Reset()
    {
        _previous.Clear();
        Current = "";
        Next = "";
    }
}
