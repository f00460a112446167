using System.Net;

namespace Appliance.Telephony;

/// <summary>Settings the call layer needs from the service's configuration.</summary>
public sealed class TelephonyOptions
{
    /// <summary>The address put in Contact headers and SDP, reachable by phones.</summary>
    public required IPAddress AdvertisedAddress { get; init; }

    /// <summary>The address RTP sockets bind to.</summary>
    public required IPAddress RtpBindAddress { get; init; }

    /// <summary>The folder recordings are written under, one sub-folder per day.</summary>
    public required string RecordingsDirectory { get; init; }

    /// <summary>
    /// The folder paths in call records are relative to (the data directory), so a restored
    /// backup in another place still finds its recordings.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// How long a call may go without an RTP packet from the caller or the connected agent
    /// before the box hangs it up; <see cref="TimeSpan.Zero"/> turns the check off.
    /// </summary>
    public TimeSpan MediaTimeout { get; init; }

    /// <summary>
    /// The extensions allowed to listen to, whisper to or barge into an agent's call with the
    /// *81, *82 and *83 feature codes (configuration key <c>Telephony:Supervisors</c>).
    /// </summary>
    public IReadOnlySet<string> Supervisors { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The prompt played before hanging up when a queue has no agent logged in.</summary>
    public string NoAgentPrompt { get; init; } = "noagent";
}
