namespace Appliance.Media.Engine;

/// <summary>
/// Work done once per 20 ms media tick by a <see cref="MediaClock"/>: send a frame, move audio
/// through a bridge. <see cref="Tick"/> runs on the clock thread and must return quickly and
/// never block; an exception is logged by the clock and does not stop other tickers.
/// </summary>
public interface IMediaTicker
{
    void Tick();
}
