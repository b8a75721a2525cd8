using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Features.AddReportForm;
using Platform.Assessment.Module.Features.CascadeCampaign;
using Platform.Assessment.Module.Features.ChangePerson;
using Platform.Assessment.Module.Features.CreateCampaign;
using Platform.Assessment.Module.Features.CreatePerson;
using Platform.Assessment.Module.Features.EvaluateDutyReport;
using Platform.Assessment.Module.Features.GenerateRoster;
using Platform.Assessment.Module.Features.GetCampaignDashboard;
using Platform.Assessment.Module.Features.GetCampaignRollUp;
using Platform.Assessment.Module.Features.GetDutyReportAttachment;
using Platform.Assessment.Module.Features.GetPerson;
using Platform.Assessment.Module.Features.ImportPeople;
using Platform.Assessment.Module.Features.ListAssessmentUnits;
using Platform.Assessment.Module.Features.ListCampaigns;
using Platform.Assessment.Module.Features.ListPeople;
using Platform.Assessment.Module.Features.ListReportForms;
using Platform.Assessment.Module.Features.ListRoster;
using Platform.Assessment.Module.Features.ReviseCampaign;
using Platform.Assessment.Module.Features.ReviewDutyReport;
using Platform.Assessment.Module.Features.SubmitDutyReport;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Person = Platform.Contracts.Assessment.V1.Person;
using ReportForm = Platform.Contracts.Assessment.V1.ReportForm;
using RosterEntry = Platform.Contracts.Assessment.V1.RosterEntry;

namespace Platform.Assessment.Module.Grpc;

/// <summary>platform.assessment.v1.AssessmentService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class AssessmentGrpcService(IServiceProvider services) : AssessmentService.AssessmentServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<ListAssessmentUnitsResponse> ListAssessmentUnits(ListAssessmentUnitsRequest request, ServerCallContext context) =>
        Resolve<ListAssessmentUnitsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Person> CreatePerson(CreatePersonRequest request, ServerCallContext context) =>
        Resolve<CreatePersonHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Person> GetPerson(GetPersonRequest request, ServerCallContext context) =>
        Resolve<GetPersonHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListPeopleResponse> ListPeople(ListPeopleRequest request, ServerCallContext context) =>
        Resolve<ListPeopleHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Person> ChangePerson(ChangePersonRequest request, ServerCallContext context) =>
        Resolve<ChangePersonHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ImportPeopleResponse> ImportPeople(ImportPeopleRequest request, ServerCallContext context) =>
        Resolve<ImportPeopleHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Campaign> CreateCampaign(CreateCampaignRequest request, ServerCallContext context) =>
        Resolve<CreateCampaignHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<GenerateRosterResponse> GenerateRoster(GenerateRosterRequest request, ServerCallContext context) =>
        Resolve<GenerateRosterHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListRosterResponse> ListRoster(ListRosterRequest request, ServerCallContext context) =>
        Resolve<ListRosterHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RosterEntry> SubmitDutyReport(SubmitDutyReportRequest request, ServerCallContext context) =>
        Resolve<SubmitDutyReportHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RosterEntry> ReviewDutyReport(ReviewDutyReportRequest request, ServerCallContext context) =>
        Resolve<ReviewDutyReportHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<CampaignDashboard> GetCampaignDashboard(GetCampaignDashboardRequest request, ServerCallContext context) =>
        Resolve<GetCampaignDashboardHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RosterEntry> EvaluateDutyReport(EvaluateDutyReportRequest request, ServerCallContext context) =>
        Resolve<EvaluateDutyReportHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListReportFormsResponse> ListReportForms(ListReportFormsRequest request, ServerCallContext context) =>
        Resolve<ListReportFormsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ReportForm> AddReportForm(AddReportFormRequest request, ServerCallContext context) =>
        Resolve<AddReportFormHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Resolve<ServiceDescriber<AssessmentDbContext>>().DescribeAsync(AssessmentModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);

    public override Task<ListCampaignsResponse> ListCampaigns(ListCampaignsRequest request, ServerCallContext context) =>
        Resolve<ListCampaignsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Campaign> CascadeCampaign(CascadeCampaignRequest request, ServerCallContext context) =>
        Resolve<CascadeCampaignHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Campaign> ReviseCampaign(ReviseCampaignRequest request, ServerCallContext context) =>
        Resolve<ReviseCampaignHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<CampaignRollUp> GetCampaignRollUp(GetCampaignRollUpRequest request, ServerCallContext context) =>
        Resolve<GetCampaignRollUpHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<DutyReportFile> GetDutyReportAttachment(GetDutyReportAttachmentRequest request, ServerCallContext context) =>
        Resolve<GetDutyReportAttachmentHandler>().HandleAsync(request, context.CancellationToken);
}
