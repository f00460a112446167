namespace Appliance.Media.Tests.Jitter;

public sealed class AdaptiveJitterBufferTests
{
    private const uint FirstTimestamp = 1120;

    [Fact]
    public void InOrderStreamPlaysEverySampleOnceInOrder()
    {
        var scenario = new JitterScenario().Stream(50, FirstTimestamp);

        var output = scenario.Run(1100);

        Assert.Equal(Expected(FirstTimestamp, 50 * 160), Heard(output));
        Assert.Equal(0, scenario.Buffer.LostFrames);
    }

    [Fact]
    public void ReorderedPacketsArePlayedInTimestampOrder()
    {
        // Every even packet arrives just after the odd one that follows it.
        var scenario = new JitterScenario().Stream(50, FirstTimestamp, n => n % 2 == 0 ? 22 : 0);

        var output = scenario.Run(1200);

        Assert.Equal(Expected(FirstTimestamp, 50 * 160), Heard(output));
        Assert.Equal(0, scenario.Buffer.Late);
    }

    [Fact]
    public void DuplicatedPacketsAreCountedAndPlayedOnce()
    {
        var scenario = new JitterScenario().Stream(50, FirstTimestamp);
        for (var n = 0; n < 50; n++)
        {
            scenario.Packet((n * 20) + 3, (ushort)n, FirstTimestamp + (uint)(n * 160));
        }

        var output = scenario.Run(1100);

        Assert.Equal(Expected(FirstTimestamp, 50 * 160), Heard(output));
        Assert.Equal(50, scenario.Buffer.Duplicates);
    }

    [Fact]
    public void LatePacketIsDroppedAndItsFrameConcealedWithTheLastOneAtHalfLevel()
    {
        var scenario = new JitterScenario().Stream(50, FirstTimestamp, n => n == 10 ? 200 : 0);

        var output = scenario.Run(1300);

        Assert.Equal(1, scenario.Buffer.Late);
        var before = FrameAt(output, FirstTimestamp + (9 * 160));
        var concealed = output.AsSpan(before + 160, 160).ToArray();
        Assert.Equal(output.AsSpan(before, 160).ToArray().Select(s => (short)(s / 2)), concealed);
    }

    [Fact]
    public void LostPacketsAreConcealedForThreeFramesThenSilent()
    {
        var scenario = new JitterScenario();
        for (var n = 0; n < 30; n++)
        {
            if (n is < 10 or > 14)
            {
                scenario.Packet(n * 20, (ushort)n, FirstTimestamp + (uint)(n * 160), marker: n == 0);
            }
        }

        var output = scenario.Run(700);

        var last = FrameAt(output, FirstTimestamp + (9 * 160));
        var resumed = FrameAt(output, FirstTimestamp + (15 * 160));
        Assert.All(output.AsSpan(last + 160, 3 * 160).ToArray(), s => Assert.NotEqual(0, s));
        var silent = output.AsSpan(last + (4 * 160), resumed - last - (4 * 160)).ToArray();
        Assert.All(silent, s => Assert.Equal(0, s));
        Assert.True(resumed - last >= 6 * 160);
        Assert.Equal(5, scenario.Buffer.LostFrames + scenario.Buffer.DroppedFrames);
    }

    [Fact]
    public void NewSsrcIsPlayedAtOnceOnItsOwnTimestamps()
    {
        var scenario = new JitterScenario().Stream(20, FirstTimestamp);
        for (var n = 0; n < 20; n++)
        {
            scenario.Packet(400 + (n * 20), (ushort)(9000 + n), 500_000 + (uint)(n * 160), ssrc: 0xBEEF);
        }

        var output = scenario.Run(900);

        // What the old source still had queued (the playout delay) when the new one took
        // over goes with it; the new source is heard whole and at once.
        var heard = Heard(output);
        Assert.Equal(Expected(FirstTimestamp, 16 * 160), heard[..(16 * 160)]);
        Assert.Equal(Expected(500_000, 20 * 160), heard[^(20 * 160)..]);
        Assert.InRange(heard.Length, 36 * 160, 39 * 160);
        Assert.Equal(1, scenario.Buffer.Resets);
        Assert.Equal(0, scenario.Buffer.Late);
    }

    [Fact]
    public void TalkspurtMarkerAfterSilenceMovesThePlayoutPointSoNothingIsLate()
    {
        // A second of silence suppression, after which the sender's timestamps moved only 250 ms.
        var scenario = new JitterScenario().Stream(20, FirstTimestamp);
        var resumed = FirstTimestamp + (20 * 160) + 2000;
        for (var n = 0; n < 20; n++)
        {
            scenario.Packet(1400 + (n * 20), (ushort)(20 + n), resumed + (uint)(n * 160), marker: n == 0);
        }

        var output = scenario.Run(2000);

        Assert.Equal(Expected(FirstTimestamp, 20 * 160).Concat(Expected(resumed, 20 * 160)), Heard(output));
        Assert.Equal(0, scenario.Buffer.Late);
        Assert.Equal(1, scenario.Buffer.Resets);
    }

    [Fact]
    public void JitterRaisesTheDelaySoFewPacketsAreLate()
    {
        var random = new Random(7);
        var offsets = Enumerable.Range(0, 500).Select(_ => random.Next(0, 60)).ToArray();
        var scenario = new JitterScenario().Stream(500, FirstTimestamp, n => offsets[n]);

        scenario.Run(10_200);

        Assert.InRange(scenario.Buffer.TargetDelay.TotalMilliseconds, 40, 300);
        Assert.InRange(scenario.Buffer.Jitter.TotalMilliseconds, 10, 30);
        Assert.True(scenario.Buffer.Late < 25, $"{scenario.Buffer.Late} of 500 packets were late");
    }

    [Fact]
    public void FastFarEndClockDoesNotBuildUpDelay()
    {
        // 20 ms of audio every 19 ms: 5 % fast, a second of extra audio every 20 seconds.
        var scenario = new JitterScenario();
        for (var n = 0; n < 1000; n++)
        {
            scenario.Packet(n * 19, (ushort)n, FirstTimestamp + (uint)(n * 160), marker: n == 0);
        }

        scenario.Run(19_000);

        Assert.True(scenario.Buffer.DroppedFrames > 30, $"{scenario.Buffer.DroppedFrames} dropped");
        Assert.True(scenario.Buffer.BufferedDelay < TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void SlowFarEndClockIsWaitedForSoNoPacketIsLate()
    {
        // 20 ms of audio every 21 ms: the playout catches up with the sender every few frames.
        var scenario = new JitterScenario();
        for (var n = 0; n < 500; n++)
        {
            scenario.Packet(n * 21, (ushort)n, FirstTimestamp + (uint)(n * 160), marker: n == 0);
        }

        var output = scenario.Run(10_700);

        Assert.Equal(Expected(FirstTimestamp, 500 * 160), Heard(output));
        Assert.Equal(0, scenario.Buffer.Late);
        Assert.True(scenario.Buffer.Underruns > 10, $"{scenario.Buffer.Underruns} underruns");
    }

    [Fact]
    public void MixedPacketTimesFillTheSameFrames()
    {
        // 10 ms and 30 ms packets interleaved: the playout does not care about ptime.
        var scenario = new JitterScenario();
        uint timestamp = FirstTimestamp;
        var ms = 0;
        for (var n = 0; n < 40; n++)
        {
            var samples = n % 2 == 0 ? 80 : 240;
            scenario.Packet(ms, (ushort)n, timestamp, marker: n == 0, samples: samples);
            timestamp += (uint)samples;
            ms += samples / 8;
        }

        var output = scenario.Run(900);

        Assert.Equal(Expected(FirstTimestamp, 40 * 160), Heard(output));
    }

    [Fact]
    public void NothingIsPlayedBeforeTheFirstPacket()
    {
        var buffer = new Appliance.Media.Jitter.AdaptiveJitterBuffer();
        var frame = new short[160];

        var played = buffer.ReadFrame(frame);

        Assert.False(played);
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    private static short[] Expected(uint first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => JitterScenario.ValueOf(first + (uint)i))];

    // What was heard, without the silence and the concealed frames (the values not a timestamp's).
    private static short[] Heard(short[] output)
    {
        var heard = new List<short>();
        for (var i = 0; i + 160 <= output.Length; i += 160)
        {
            if (output[i] != 0 && IsRamp(output.AsSpan(i, 160)))
            {
                heard.AddRange(output.AsSpan(i, 160));
            }
        }

        return [.. heard];
    }

    private static bool IsRamp(ReadOnlySpan<short> frame)
    {
        for (var i = 1; i < frame.Length; i++)
        {
            if (frame[i] != frame[i - 1] + 1)
            {
                return false;
            }
        }

        return true;
    }

    private static int FrameAt(short[] output, uint timestamp)
    {
        var index = Array.IndexOf(output, JitterScenario.ValueOf(timestamp));
        Assert.True(index >= 0, $"timestamp {timestamp} was never played");
        return index;
    }
}
