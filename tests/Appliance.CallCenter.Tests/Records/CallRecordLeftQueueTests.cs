using Appliance.CallCenter.Records;

namespace Appliance.CallCenter.Tests.Records;

public sealed class CallRecordLeftQueueTests
{
    [Fact]
    public void WaitOfACallTurnedAwayEndsWhenItLeftTheQueueNotAtHangUp()
    {
        var arrived = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var record = new CallRecord
        {
            CallId = "turned-away",
            ArrivedUtc = arrived,
            QueuedUtc = arrived.AddSeconds(8),
            LeftQueueUtc = arrived.AddSeconds(9),
            Disposition = CallDisposition.NoAgent,
        };

        record.Complete(arrived.AddSeconds(15));

        Assert.Equal(1, record.WaitSeconds);
        Assert.Equal(0, record.TalkSeconds);
        Assert.Equal(CallDisposition.NoAgent, record.Disposition);
    }
}
