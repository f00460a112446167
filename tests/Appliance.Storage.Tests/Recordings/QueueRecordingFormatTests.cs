using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;

namespace Appliance.Storage.Tests.Recordings;

public sealed class QueueRecordingFormatTests
{
    [Theory]
    [InlineData(null, QueueRecordingFormat.Wav)]
    [InlineData("", QueueRecordingFormat.Wav)]
    [InlineData("wav", QueueRecordingFormat.Wav)]
    [InlineData("opus", QueueRecordingFormat.Opus)]
    [InlineData(" opus ", QueueRecordingFormat.Opus)]
    public void AQueueRowNamesTheFormatItsCallsAreRecordedIn(string? column, QueueRecordingFormat expected)
    {
        var row = new QueueRow { Name = "sales", RingTimeoutSeconds = 15, RecordingFormat = column };

        var queue = ConfigurationRows.ToQueue(row);

        Assert.Equal(expected, queue.RecordingFormat);
    }

    [Fact]
    public void AnUnknownRecordingFormatIsRefusedWithTheQueueAndFieldNamed()
    {
        var row = new QueueRow { Name = "sales", RingTimeoutSeconds = 15, RecordingFormat = "mp3" };

        var error = Assert.Throws<InvalidDataException>(() => ConfigurationRows.ToQueue(row));

        Assert.Contains("sales", error.Message, StringComparison.Ordinal);
        Assert.Contains("RecordingFormat", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mp3' is not 'wav' or 'opus'", error.Message, StringComparison.Ordinal);
    }
}
