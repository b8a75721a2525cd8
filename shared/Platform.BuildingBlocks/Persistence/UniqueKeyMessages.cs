using System.Linq.Expressions;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// What a clash on one of a context's unique keys means, in the module's words. A module lists
/// only the keys whose clash deserves more than the generic "a unit with name '…' already
/// exists" (see <see cref="PlatformDbContext.DescribeUniqueKeys"/>); the error classifier reads it.
/// </summary>
public sealed class UniqueKeyMessages
{
    private readonly List<UniqueKeyMeaning> _meanings = [];

    internal IReadOnlyList<UniqueKeyMeaning> Meanings => _meanings;

    /// <summary>A clash means the thing exists already (AlreadyExists), told by <paramref name="message"/> given the row that clashed.</summary>
    public UniqueKeyMessages AlreadyExists<TEntity>(Expression<Func<TEntity, object?>> key, Func<TEntity, string> message)
        where TEntity : class
    {
        // Without the row (a batch of several rows of the type clashed) the generic message names the key instead.
        _meanings.Add(new UniqueKeyMeaning(typeof(TEntity), KeyProperties(key), ChangedMeanwhile: false,
            entity => entity is TEntity row ? message(row) : null));
        return this;
    }

    /// <summary>A clash means the thing exists already (AlreadyExists), told by <paramref name="message"/>.</summary>
    public UniqueKeyMessages AlreadyExists<TEntity>(Expression<Func<TEntity, object?>> key, string message)
        where TEntity : class
    {
        _meanings.Add(new UniqueKeyMeaning(typeof(TEntity), KeyProperties(key), ChangedMeanwhile: false, _ => message));
        return this;
    }

    /// <summary>
    /// The key numbers the steps of one thing, so a clash means two people changed it at once
    /// (Aborted): the caller reloads and tries again, as for a version conflict.
    /// </summary>
    public UniqueKeyMessages ChangedMeanwhile<TEntity>(Expression<Func<TEntity, object?>> key, string message)
        where TEntity : class
    {
        _meanings.Add(new UniqueKeyMeaning(typeof(TEntity), KeyProperties(key), ChangedMeanwhile: true, _ => message));
        return this;
    }

    internal UniqueKeyMeaning? Find(Type entity, IReadOnlyList<string> properties) =>
        _meanings.FirstOrDefault(m => m.Entity.IsAssignableFrom(entity) && m.Properties.SequenceEqual(properties, StringComparer.Ordinal));

    private static string[] KeyProperties<TEntity>(Expression<Func<TEntity, object?>> key)
    {
        var body = key.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : key.Body;
        return body switch
        {
            MemberExpression member => [member.Member.Name],
            NewExpression composite when composite.Arguments.All(a => a is MemberExpression) =>
                composite.Arguments.Cast<MemberExpression>().Select(m => m.Member.Name).ToArray(),
            _ => throw new ArgumentException($"A unique key is given as e => e.Property or e => new {{ e.A, e.B }}, not {key}.", nameof(key)),
        };
    }
}

/// <summary>One key of <see cref="UniqueKeyMessages"/>.</summary>
internal sealed record UniqueKeyMeaning(Type Entity, string[] Properties, bool ChangedMeanwhile, Func<object?, string?> Message);
