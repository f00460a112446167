using Appliance.CallCenter.Records;

namespace Appliance.CallCenter.Tests.Records;

public sealed class CallRecordTests
{
    private static readonly DateTimeOffset s_arrived = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CompleteComputesWaitAndTalkSecondsRoundedDown()
    {
        var record = new CallRecord
        {
            CallId = "c1",
            ArrivedUtc = s_arrived,
            QueuedUtc = s_arrived.AddSeconds(12),
            AnsweredUtc = s_arrived.AddSeconds(19.9),
        };

        record.Complete(s_arrived.AddSeconds(82.5));

        Assert.Equal(7, record.WaitSeconds);
        Assert.Equal(62, record.TalkSeconds);
        Assert.Equal(CallDisposition.Answered, record.Disposition);
        Assert.Equal(s_arrived.AddSeconds(82.5), record.EndedUtc);
    }

    [Fact]
    public void AQueuedCallThatWasNeverAnsweredIsAbandonedAndWaitedUntilItEnded()
    {
        var record = new CallRecord { ArrivedUtc = s_arrived, QueuedUtc = s_arrived.AddSeconds(10) };

        record.Complete(s_arrived.AddSeconds(41));

        Assert.Equal(31, record.WaitSeconds);
        Assert.Equal(0, record.TalkSeconds);
        Assert.Equal(CallDisposition.Abandoned, record.Disposition);
    }

    [Fact]
    public void ACallThatNeverReachedAQueueHasNoWait()
    {
        var record = new CallRecord { ArrivedUtc = s_arrived };

        record.Complete(s_arrived.AddSeconds(20));

        Assert.Equal(0, record.WaitSeconds);
        Assert.Equal(CallDisposition.Abandoned, record.Disposition);
    }

    [Fact]
    public void CompleteKeepsADispositionThatWasSet()
    {
        var record = new CallRecord
        {
            ArrivedUtc = s_arrived,
            QueuedUtc = s_arrived.AddSeconds(10),
            Disposition = CallDisposition.NoAgent,
        };

        record.Complete(s_arrived.AddSeconds(15));

        Assert.Equal(CallDisposition.NoAgent, record.Disposition);
        Assert.Equal(5, record.WaitSeconds);
    }

    [Fact]
    public void CompleteBeforeTheAnswerThrows()
    {
        var record = new CallRecord { ArrivedUtc = s_arrived, AnsweredUtc = s_arrived.AddSeconds(10) };

        Assert.Throws<ArgumentOutOfRangeException>(() => record.Complete(s_arrived.AddSeconds(5)));
    }
}
