using System.Reflection;

namespace Platform.Architecture.Tests;

/// <summary>
/// Inside a module, Domain holds the rules and references no EF Core, gRPC, ASP.NET Core,
/// MassTransit or Contracts; the kernel in BuildingBlocks (China time, the working-day
/// calendar, deadline and extension rules) references none of them either, nor the host's
/// plumbing. A failure names each offending type and what it reaches.
/// </summary>
public sealed class LayeringTests
{
    // A module without a Domain namespace is named here, so a module whose Domain disappears
    // (renamed, say) fails instead of passing a rule that checked nothing.
    private static readonly string[] ModulesWithoutDomain = [];

    [Theory]
    [MemberData(nameof(ModuleBoundaryTests.ModuleNames), MemberType = typeof(ModuleBoundaryTests))]
    public void A_module_domain_references_no_infrastructure_and_no_contracts(string module)
    {
        var check = Layering.Check(Assembly.Load($"Platform.{module}.Module"), $"Platform.{module}.Module.Domain", Layering.ForbiddenInDomain());

        if (ModulesWithoutDomain.Contains(module))
        {
            Assert.Equal(0, check.TypesChecked);
            return;
        }
        Assert.True(check.TypesChecked > 0, $"{check.Namespace} has no types; list the module in {nameof(ModulesWithoutDomain)} if it really has no domain model.");
        Assert.True(check.Violations.Count == 0, check.Describe());
    }

    [Fact]
    public void The_kernel_references_no_infrastructure_no_contracts_and_no_plumbing()
    {
        var buildingBlocks = typeof(Platform.BuildingBlocks.Kernel.Calendar.WorkingDayCalendar).Assembly;

        var check = Layering.Check(buildingBlocks, Layering.KernelNamespace, Layering.ForbiddenInKernel());

        Assert.True(check.TypesChecked > 0, $"{Layering.KernelNamespace} has no types.");
        Assert.True(check.Violations.Count == 0, check.Describe());
    }

    [Fact]
    public void The_kernel_holds_china_time_the_calendar_and_the_extension_rules()
    {
        // The kernel is only worth checking if the rules live in it; a move back to Grpc/ or Calendar/ would leave the rule above checking an empty namespace.
        Type[] kernel =
        [
            typeof(Platform.BuildingBlocks.Kernel.Time.ChinaTime),
            typeof(Platform.BuildingBlocks.Kernel.Time.ChineseDates),
            typeof(Platform.BuildingBlocks.Kernel.Calendar.WorkingDayCalendar),
            typeof(Platform.BuildingBlocks.Kernel.Calendar.CalendarYear),
            typeof(Platform.BuildingBlocks.Kernel.Calendar.CalendarYearNotLoadedException),
            typeof(Platform.BuildingBlocks.Kernel.Deadlines.ExtensionRules),
        ];
        Assert.All(kernel, type => Assert.StartsWith(Layering.KernelNamespace + ".", type.Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void The_domain_rule_names_each_offending_type_and_what_it_reaches()
    {
        var check = Layering.Check(typeof(LayeringTests).Assembly, "Platform.Architecture.Tests.Fixtures.Domain", Layering.ForbiddenInDomain());

        Assert.Equal(4, check.TypesChecked);
        Assert.Equal(3, check.Violations.Count);
        Assert.Contains(check.Violations, v => v.StartsWith(typeof(Fixtures.Domain.AggregateHoldingADbContext).FullName + ":", StringComparison.Ordinal)
            && v.Contains("Microsoft.EntityFrameworkCore.DbContext", StringComparison.Ordinal));
        // Reaching ASP.NET Core through a BuildingBlocks helper counts too.
        Assert.Contains(check.Violations, v => v.StartsWith(typeof(Fixtures.Domain.AggregateStampedByTheRequest).FullName + ":", StringComparison.Ordinal)
            && v.Contains("Platform.BuildingBlocks.Persistence.AuditStamper", StringComparison.Ordinal));
        // The platform's gRPC plumbing is off limits even where a type in it is plain (China time lived there once).
        Assert.Contains(check.Violations, v => v.StartsWith(typeof(Fixtures.Domain.AggregateFormattingForTheWire).FullName + ":", StringComparison.Ordinal)
            && v.Contains("Platform.BuildingBlocks.Grpc.WireFormat", StringComparison.Ordinal));
        Assert.Contains(typeof(Fixtures.Domain.AggregateHoldingADbContext).FullName!, check.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernel_rule_names_a_rule_that_reads_options_or_the_outbox()
    {
        var check = Layering.Check(typeof(LayeringTests).Assembly, "Platform.Architecture.Tests.Fixtures.Kernel", Layering.ForbiddenInKernel());

        Assert.Equal(3, check.TypesChecked);
        Assert.Equal(2, check.Violations.Count);
        Assert.Contains(check.Violations, v => v.Contains(typeof(Fixtures.Kernel.RuleReadingOptions).FullName!, StringComparison.Ordinal)
            && v.Contains("Microsoft.Extensions.Options", StringComparison.Ordinal));
        Assert.Contains(check.Violations, v => v.Contains(typeof(Fixtures.Kernel.RuleWritingTheOutbox).FullName!, StringComparison.Ordinal)
            && v.Contains("Platform.BuildingBlocks.Outbox", StringComparison.Ordinal));
    }
}
