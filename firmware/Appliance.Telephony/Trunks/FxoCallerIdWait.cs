using Appliance.Drivers.CallerId;
using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// An FXO call the card offered whose caller ID is still being listened for: the exchange sends it
/// on the idle line, between the first and second ring (FSK) or before the first ring (DTMF).
/// The line is read by <see cref="Drain"/> from the wait's timer, off the gateway's mailbox, so a
/// busy mailbox cannot leave the card's short audio buffer to overflow and lose digits; the rest
/// (rings, the offer) is touched only on the mailbox.
/// </summary>
internal sealed class FxoCallerIdWait(
    CardEvent offer,
    string portName,
    CardChannelAudio audio,
    LineCallerIdReceiver receiver,
    DateTimeOffset since)
{
    private readonly short[] _frame = new short[160];
    private readonly Lock _line = new();
    private int _ticks;

    public CardEvent Offer { get; } = offer;

    public string PortName { get; } = portName;

    public DateTimeOffset Since { get; } = since;

    public LineCallerIdReceiver Receiver { get; } = receiver;

    public int Rings { get; set; }

    public ITimer? Timer { get; set; }

    /// <summary>Feeds every frame the line has sent since the last call; the message once there is
    /// one. Safe from any thread: the timer's callbacks may overlap on a loaded machine.</summary>
    public CallerIdMessage? Drain()
    {
        lock (_line)
        {
            while (Receiver.Message is null && audio.ReadFrame(_frame))
            {
                Receiver.Feed(_frame);
            }

            return Receiver.Message;
        }
    }

    /// <summary>
    /// One tick of the timer: reads the line, and says whether the mailbox should look at the
    /// wait now, which it must when a message came and otherwise every fifth tick, for the
    /// timeout.
    /// </summary>
    public bool ListenTick() => Drain() is not null || Interlocked.Increment(ref _ticks) % 5 == 0;
}
