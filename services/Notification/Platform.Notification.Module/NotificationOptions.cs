using System.ComponentModel.DataAnnotations;
using ValidationResult = System.ComponentModel.DataAnnotations.ValidationResult;

namespace Platform.Notification.Module;

/// <summary>Section "Notification:Reminders".</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Notification:Reminders";

    /// <summary>Reminders this many working days before a deadline, besides the day itself and after it is missed.</summary>
    public List<int> BeforeWorkingDays { get; set; } = [3, 1];

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long one scan batch holds the lease; a crashed holder frees it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Section "Notification:Delivery".</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Notification:Delivery";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Attempts before a delivery becomes a dead letter.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; each further attempt waits twice as long.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed batch is held before another replica may take it over.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time limit of one webhook or binding call.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Section "Notification:Webhooks".</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Notification:Webhooks";

    /// <summary>
    /// Networks (CIDR, or single addresses) a webhook may reach although they are loopback,
    /// private, link-local or otherwise special-use; public addresses are always allowed.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedNetworks.Count; i++)
        {
            string? error = null;
            try
            {
                BuildingBlocks.Net.OutboundAddressGuard.ParseNetwork(AllowedNetworks[i]);
            }
            catch (FormatException ex)
            {
                error = ex.Message;
            }
            if (error is not null)
            {
                yield return new ValidationResult($"{SectionName}:AllowedNetworks:{i}: {error}", [nameof(AllowedNetworks)]);
            }
        }
    }
}

/// <summary>Section "Notification:Documents".</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Notification:Documents";

    /// <summary>The office's prefix of 文号, for example 通法督 (南通市委依法治市办).</summary>
    [Required]
    public string NumberPrefix { get; set; } = "法督";

    /// <summary>The issuing office as printed in red at the head and signed at the end; the node's name when empty.</summary>
    public string IssuingOffice { get; set; } = string.Empty;

    public string DisciplineCommission { get; set; } = "市纪委监委";

    public string OrganisationDepartment { get; set; } = "市委组织部";
}

/// <summary>Section "Notification:Email": the SMTP relay.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Notification:Email";

    /// <summary>Empty turns e-mail off: no e-mail deliveries are created.</summary>
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string From { get; set; } = "noreply@platform.local";

    public string FromName { get; set; } = "法治督察平台";

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string TlsMode { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Section "Dapr" as notification reads it: the output bindings its channels use when Dapr is on
/// (the sidecar's address and token are the process's: Platform.ServiceDefaults.Dapr).
/// </summary>
public sealed class DaprBindingOptions
{
    public const string SectionName = "Dapr";

    public bool Enabled { get; set; }

    /// <summary>The output binding that sends SMS.</summary>
    public string SmsBinding { get; set; } = "sms";

    /// <summary>The output binding (bindings.smtp) that sends e-mail; empty keeps e-mail on Notification:Email's SMTP server.</summary>
    public string? EmailBinding { get; set; }

    public bool EmailThroughDapr => Enabled && !string.IsNullOrWhiteSpace(EmailBinding);
}
