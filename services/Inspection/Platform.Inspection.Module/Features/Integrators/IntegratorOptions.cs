using System.ComponentModel.DataAnnotations;

namespace Platform.Inspection.Module.Features.Integrators;

/// <summary>Section "Inspection:Integrators": how long integrator keys live.</summary>
public sealed class IntegratorOptions
{
    public const string SectionName = "Inspection:Integrators";

    /// <summary>A key issued at registration or rotation stops working after this long.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long the replaced key keeps working after a rotation, unless the request says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromDays(7);
}
