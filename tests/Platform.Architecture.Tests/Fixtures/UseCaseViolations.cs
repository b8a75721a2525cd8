// A deliberate multi-use-case class, so the one-use-case-per-class rule is shown to catch it (UseCaseLayoutTests).
// It lives in the test assembly only; nothing uses it.

using Platform.Contracts.Planning.V1;

namespace Platform.Architecture.Tests.Fixtures.Features
{
    public sealed class TwoUseCasesFeature
    {
        public Task<Plan> GetAsync(GetPlanRequest request, CancellationToken cancellationToken) => Task.FromResult(new Plan { Id = request.PlanId });

        public Task<Plan> IssueAsync(IssuePlanRequest request, CancellationToken cancellationToken) => Task.FromResult(new Plan { Id = request.PlanId });
    }
}
