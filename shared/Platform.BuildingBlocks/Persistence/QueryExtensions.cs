using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>The two things every list RPC does: optional filters, then one page.</summary>
public static class QueryExtensions
{
    /// <summary>Applies the filter only when the caller gave a value for it.</summary>
    public static IQueryable<T> WhereIf<T, TValue>(this IQueryable<T> query, TValue? value, Func<TValue, Expression<Func<T, bool>>> predicate)
        where TValue : struct =>
        value is { } given ? query.Where(predicate(given)) : query;

    /// <summary>Reads one page, fetching a row more than asked to learn whether another page follows.</summary>
    public static async Task<(List<T> Items, string NextPageToken)> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await query.Skip(page.Offset).Take(page.Size + 1).ToListAsync(cancellationToken);
        var next = page.NextToken(rows.Count);
        if (rows.Count > page.Size)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        return (rows, next);
    }
}
