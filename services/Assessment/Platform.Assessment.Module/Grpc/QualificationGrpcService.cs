using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.CheckStudyMinimums;
using Platform.Assessment.Module.Features.IssueCredential;
using Platform.Assessment.Module.Features.ListStudySessions;
using Platform.Assessment.Module.Features.ListTrainingClasses;
using Platform.Assessment.Module.Features.MayEnforce;
using Platform.Assessment.Module.Features.RecordExamResult;
using Platform.Assessment.Module.Features.RecordStudySession;
using Platform.Assessment.Module.Features.RecordTrainingClass;
using Platform.Assessment.Module.Features.RevokeCredential;
using Platform.Assessment.Module.Features.SuspendCredential;
using Credential = Platform.Contracts.Assessment.V1.Credential;
using ExamResult = Platform.Contracts.Assessment.V1.ExamResult;
using StudySession = Platform.Contracts.Assessment.V1.StudySession;
using TrainingClass = Platform.Contracts.Assessment.V1.TrainingClass;

namespace Platform.Assessment.Module.Grpc;

/// <summary>platform.assessment.v1.QualificationService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class QualificationGrpcService(IServiceProvider services) : QualificationService.QualificationServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<StudySession> RecordStudySession(RecordStudySessionRequest request, ServerCallContext context) =>
        Resolve<RecordStudySessionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListStudySessionsResponse> ListStudySessions(ListStudySessionsRequest request, ServerCallContext context) =>
        Resolve<ListStudySessionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<CheckStudyMinimumsResponse> CheckStudyMinimums(CheckStudyMinimumsRequest request, ServerCallContext context) =>
        Resolve<CheckStudyMinimumsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<TrainingClass> RecordTrainingClass(RecordTrainingClassRequest request, ServerCallContext context) =>
        Resolve<RecordTrainingClassHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListTrainingClassesResponse> ListTrainingClasses(ListTrainingClassesRequest request, ServerCallContext context) =>
        Resolve<ListTrainingClassesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExamResult> RecordExamResult(RecordExamResultRequest request, ServerCallContext context) =>
        Resolve<RecordExamResultHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Credential> IssueCredential(IssueCredentialRequest request, ServerCallContext context) =>
        Resolve<IssueCredentialHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Credential> SuspendCredential(SuspendCredentialRequest request, ServerCallContext context) =>
        Resolve<SuspendCredentialHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Credential> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context) =>
        Resolve<RevokeCredentialHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<MayEnforceResponse> MayEnforce(MayEnforceRequest request, ServerCallContext context) =>
        Resolve<MayEnforceHandler>().HandleAsync(request, context.CancellationToken);
}
