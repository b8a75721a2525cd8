using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Tests.Hosting.Features.CloseCase;

namespace Platform.BuildingBlocks.Tests.Hosting
{
    public sealed class FeatureHandlerTests
    {
        [Fact]
        public void Every_handler_under_features_is_registered_scoped_and_nothing_else()
        {
            var services = new ServiceCollection();
            services.AddFeatureHandlers(typeof(FeatureHandlerTests).Assembly);

            var handler = Assert.Single(services, d => d.ServiceType == typeof(CloseCaseHandler));
            Assert.Equal(ServiceLifetime.Scoped, handler.Lifetime);
            Assert.DoesNotContain(services, d => d.ServiceType == typeof(NotAFeatureHandler));
            Assert.DoesNotContain(services, d => d.ServiceType == typeof(CaseRules));
        }

        [Fact]
        public void A_handler_registered_before_keeps_its_registration()
        {
            var services = new ServiceCollection();
            services.AddSingleton<CloseCaseHandler>();
            services.AddFeatureHandlers(typeof(FeatureHandlerTests).Assembly);

            Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(CloseCaseHandler)).Lifetime);
        }
    }

    /// <summary>Named like a handler but outside Features: not a use case.</summary>
    public sealed class NotAFeatureHandler;
}

namespace Platform.BuildingBlocks.Tests.Hosting.Features.CloseCase
{
    public sealed class CloseCaseHandler;

    /// <summary>In Features but no handler.</summary>
    public sealed class CaseRules;
}
