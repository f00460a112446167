using Appliance.Media.Engine;

namespace Appliance.Media.Tests.Engine;

public sealed class FrameFifoTests
{
    [Fact]
    public void AFullFifoDropsTheOldestFrame()
    {
        var fifo = new FrameFifo(2);
        var frame = new short[160];

        fifo.WriteFrame(Filled(1));
        fifo.WriteFrame(Filled(2));
        fifo.WriteFrame(Filled(3));
        fifo.ReadFrame(frame);
        var first = frame[0];
        fifo.ReadFrame(frame);

        Assert.Equal(2, first);
        Assert.Equal(3, frame[0]);
        Assert.Equal(1, fifo.Overflows);
    }

    [Fact]
    public void AnEmptyFifoReadsSilenceAndSaysSo()
    {
        var fifo = new FrameFifo(2);
        var frame = Filled(9);

        var read = fifo.ReadFrame(frame);

        Assert.False(read);
        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.Equal(1, fifo.Underruns);
    }

    [Fact]
    public void FramesOfAnotherSizeAreRejected()
    {
        var fifo = new FrameFifo(2);

        Assert.Throws<ArgumentException>(() => fifo.WriteFrame(new short[240]));
    }

    private static short[] Filled(short value) => Enumerable.Repeat(value, 160).ToArray();
}
