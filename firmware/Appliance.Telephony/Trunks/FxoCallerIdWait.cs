using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// An FXO call the card offered whose caller ID is still being listened for: the exchange sends it
/// on the idle line, between the first and second ring (FSK) or before the first ring (DTMF).
/// Touched only on the gateway's mailbox; the timer only posts to it.
/// </summary>
internal sealed class FxoCallerIdWait(
    CardEvent offer,
    string portName,
    CardChannelAudio audio,
    LineCallerIdReceiver receiver,
    DateTimeOffset since)
{
    private readonly short[] _frame = new short[160];

    public CardEvent Offer { get; } = offer;

    public string PortName { get; } = portName;

    public DateTimeOffset Since { get; } = since;

    public LineCallerIdReceiver Receiver { get; } = receiver;

    public int Rings { get; set; }

    public ITimer? Timer { get; set; }

    /// <summary>Feeds every frame the line has sent since the last call; the message once there is
    /// one.</summary>
    public CallerIdMessage? Drain()
    {
        while (Receiver.Message is null && audio.ReadFrame(_frame))
        {
            Receiver.Feed(_frame);
        }

        return Receiver.Message;
    }
}
