using System.Reflection;
using Google.Protobuf;
using Platform.Architecture.Tests.Fixtures.Features;

namespace Platform.Architecture.Tests;

/// <summary>
/// One use case per class, in Features/&lt;UseCase&gt;/&lt;UseCase&gt;Handler: a class that answers several
/// requests grows into a second service layer. Planning follows the rule; add a module to
/// <see cref="Modules"/> once its *Feature classes are split.
/// </summary>
public sealed class UseCaseLayoutTests
{
    private static readonly string[] Modules = ["Planning", "Inspection", "Rectification", "Notification", "Assessment"];

    public static TheoryData<string> ModuleNames() => new(Modules);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void No_feature_class_handles_more_than_one_request(string module)
    {
        var offenders = ModuleTypes(module)
            .Where(t => t.Name.EndsWith("Feature", StringComparison.Ordinal))
            .Select(t => (Type: t, Handlers: HandlerMethods(t)))
            .Where(x => x.Handlers.Count > 1)
            .Select(x => $"{x.Type.FullName}: {string.Join(", ", x.Handlers.Select(m => m.Name))}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_handler_handles_one_request_in_the_folder_of_its_use_case(string module)
    {
        var handlers = ModuleTypes(module).Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(handlers);
        Assert.All(handlers, handler =>
        {
            var useCase = handler.Name[..^"Handler".Length];
            Assert.Equal($"Platform.{module}.Module.Features.{useCase}", handler.Namespace);
            Assert.Equal(["HandleAsync"], HandlerMethods(handler).Select(m => m.Name));
        });
    }

    [Fact]
    public void The_rule_sees_a_feature_answering_two_requests()
    {
        Assert.Equal(["GetAsync", "IssueAsync"], HandlerMethods(typeof(TwoUseCasesFeature)).Select(m => m.Name).Order());
    }

    private static IEnumerable<Type> ModuleTypes(string module) =>
        Assembly.Load($"Platform.{module}.Module").GetTypes().Where(t => t.IsClass && !t.IsNested && t.Namespace is not null);

    /// <summary>Public methods taking a request message and a cancellation token: the shape of a gRPC use case.</summary>
    private static List<MethodInfo> HandlerMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m =>
            {
                var parameters = m.GetParameters();
                return parameters.Length == 2
                    && typeof(IMessage).IsAssignableFrom(parameters[0].ParameterType)
                    && parameters[1].ParameterType == typeof(CancellationToken)
                    && typeof(Task).IsAssignableFrom(m.ReturnType);
            })
            .ToList();
}
