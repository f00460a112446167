using Appliance.Media.Audio;
using Appliance.Media.Detection;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// The sink of an answered campaign call's leg while the first seconds are screened for an
/// answering machine: feeds an <see cref="AnsweringMachineDetector"/> and reports its first
/// decision once. Called on the RTP receive thread; the report must only post to the call's mailbox.
/// </summary>
internal sealed class MachineScreen : IAudioSink
{
    private readonly AnsweringMachineDetector _detector = new();
    private readonly Action<AnsweringMachineResult> _decided;
    private int _reported;

    public MachineScreen(Action<AnsweringMachineResult> decided)
    {
        _decided = decided;
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (Volatile.Read(ref _reported) != 0)
        {
            return;
        }

        var result = _detector.Feed(frame);
        if (result != AnsweringMachineResult.Pending && Interlocked.Exchange(ref _reported, 1) == 0)
        {
            _decided(result);
        }
    }
}
