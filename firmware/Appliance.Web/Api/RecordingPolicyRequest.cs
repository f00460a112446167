namespace Appliance.Web.Api;

/// <summary>The recording policy form: the queue, its mode, file format and retention in days.</summary>
internal sealed record RecordingPolicyRequest(string? Queue, string? Mode, string? Format, string? RetentionDays);
