using Appliance.Media.Audio;

namespace Appliance.Telephony.Trunks;

/// <summary>The audio of one trunk channel: what the line sends as a source, what goes to it as a
/// sink, both 20 ms of 8 kHz linear and never blocking.</summary>
internal interface ITrunkAudio : IAudioSource, IAudioSink
{
}
