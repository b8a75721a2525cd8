using System.Text.RegularExpressions;

namespace Platform.Contracts.Events;

/// <summary>
/// The stable, versioned name of an integration event or of a consumer, <c>&lt;service&gt;.&lt;snake_name&gt;.v&lt;N&gt;</c>
/// (for example <c>planning.task_assigned.v1</c>). It names the outbox row's type, the message type and
/// exchange on the bus, and the consumer's key in the inbox, so renaming or moving a class changes
/// none of them. A new version of an event's meaning gets a new number; a name once used is never reused.
/// </summary>
/// <remarks>
/// On an event the name is also its MassTransit message URN (<c>urn:message:planning.task_assigned.v1</c>),
/// which is why this derives from <see cref="MassTransit.MessageUrnAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed partial class WireNameAttribute : MassTransit.MessageUrnAttribute
{
    public WireNameAttribute(string name)
        : base(name)
    {
        if (!Format().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a wire name of the form <service>.<snake_name>.v<N>.", nameof(name));
        }
        Name = name;
    }

    public string Name { get; }

    /// <summary>The form every wire name has.</summary>
    [GeneratedRegex(@"^[a-z]+\.[a-z][a-z0-9]*(_[a-z0-9]+)*\.v[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Format();

    /// <summary>The wire name declared on <paramref name="type"/>, or null when it declares none.</summary>
    public static string? Of(Type type) =>
        (Attribute.GetCustomAttribute(type, typeof(WireNameAttribute), inherit: false) as WireNameAttribute)?.Name;
}
