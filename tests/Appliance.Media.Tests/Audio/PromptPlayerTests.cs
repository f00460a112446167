using Appliance.Media.Audio;

namespace Appliance.Media.Tests.Audio;

public sealed class PromptPlayerTests
{
    [Fact]
    public void PromptsPlayBackToBackAcrossFrameBoundaries()
    {
        var player = new PromptPlayer();
        player.Enqueue(Ramp(1, 100));
        player.Enqueue(Ramp(101, 100));
        var frame = new short[160];

        var first = player.ReadFrame(frame);
        var firstFrame = frame.ToArray();
        var second = player.ReadFrame(frame);

        Assert.True(first);
        Assert.Equal(Ramp(1, 160), firstFrame);
        Assert.True(second);
        Assert.Equal([.. Ramp(161, 40), .. new short[120]], frame);
    }

    [Fact]
    public void CompletedIsRaisedOnceWhenTheQueueRunsDryThenSilenceFollows()
    {
        var player = new PromptPlayer();
        var completions = 0;
        player.Completed += () => completions++;
        player.Enqueue(Ramp(1, 200));
        var frame = new short[160];

        player.ReadFrame(frame);
        player.ReadFrame(frame);
        var afterEnd = player.ReadFrame(frame);
        player.ReadFrame(frame);

        Assert.Equal(1, completions);
        Assert.False(afterEnd);
        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.False(player.IsPlaying);
    }

    [Fact]
    public void APromptQueuedAfterCompletionPlaysAndCompletesAgain()
    {
        var player = new PromptPlayer();
        var completions = 0;
        player.Completed += () => completions++;
        var frame = new short[160];
        player.Enqueue(Ramp(1, 160));
        player.ReadFrame(frame);

        player.Enqueue(Ramp(500, 160));
        var played = player.ReadFrame(frame);

        Assert.True(played);
        Assert.Equal(500, frame[0]);
        Assert.Equal(2, completions);
    }

    [Fact]
    public void ClearStopsAtOnceWithoutCompleting()
    {
        var player = new PromptPlayer();
        var completions = 0;
        player.Completed += () => completions++;
        player.Enqueue(Ramp(1, 1000));
        var frame = new short[160];
        player.ReadFrame(frame);

        player.Clear();
        var played = player.ReadFrame(frame);

        Assert.False(played);
        Assert.Equal(0, completions);
    }

    [Fact]
    public void ALoopingQueueStartsOverAndNeverCompletes()
    {
        var player = new PromptPlayer { Loop = true };
        var completions = 0;
        player.Completed += () => completions++;
        player.Enqueue(Ramp(1, 100));
        var frame = new short[160];

        player.ReadFrame(frame);

        Assert.Equal([.. Ramp(1, 100), .. Ramp(1, 60)], frame);
        Assert.Equal(0, completions);
        Assert.True(player.IsPlaying);
    }

    private static short[] Ramp(int first, int count) =>
        Enumerable.Range(first, count).Select(i => (short)i).ToArray();
}
