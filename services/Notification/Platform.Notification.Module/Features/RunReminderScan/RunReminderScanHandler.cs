using Platform.BuildingBlocks.Auth;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Features.RunReminderScan;

/// <summary>A reminder scan on demand, for operators: the background scanner's pass, run now.</summary>
public sealed class RunReminderScanHandler(NotificationAccess access, ReminderScanner scanner)
{
    public async Task<RunReminderScanResponse> HandleAsync(RunReminderScanRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.NodeOperator);
        var result = await scanner.ScanAllDueAsync(cancellationToken);
        return new RunReminderScanResponse { RemindersSent = result.RemindersSent, LeaseAcquired = result.LeaseAcquired };
    }
}
