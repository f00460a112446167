using Appliance.Media.Audio;
using Appliance.Telephony.Voicemail;

namespace Appliance.Telephony.Tests.Voicemail;

public sealed class MessageSummaryTests
{
    [Fact]
    public void ABodyWithNewMessagesSaysYesAndCountsThemNewOverOld()
    {
        var body = MessageSummary.Body("sip:1002@192.0.2.1", newMessages: 2, oldMessages: 1);

        Assert.Equal(
            "Messages-Waiting: yes\r\nMessage-Account: sip:1002@192.0.2.1\r\nVoice-Message: 2/1\r\n", body);
    }

    [Fact]
    public void ABodyWithoutNewMessagesSaysNo()
    {
        var body = MessageSummary.Body("sip:1002@192.0.2.1", newMessages: 0, oldMessages: 3);

        Assert.StartsWith("Messages-Waiting: no\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void TheRecorderWritesAMonoTelephoneWavFileTheMediaReaderReadsBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vm-{Guid.NewGuid():N}", "message.wav");
        var frame = Enumerable.Range(0, 160).Select(i => (short)(i * 100)).ToArray();
        using (var recorder = new MonoWavRecorder(path))
        {
            recorder.WriteFrame(frame);
            recorder.WriteFrame(frame);
        }

        var samples = WavFile.ReadMono8k(path);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

        Assert.Equal([.. frame, .. frame], samples);
    }
}
