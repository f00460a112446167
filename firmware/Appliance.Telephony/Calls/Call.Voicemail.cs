using System.Globalization;
using Appliance.CallCenter.Records;
using Appliance.Telephony.Voicemail;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The part of a call that records a voicemail (from a flow's voicemail node or a queue's
/// overflow to a mailbox) and then lights the mailbox's message-waiting lamp with a NOTIFY.
/// </summary>
internal sealed partial class Call
{
    /// <summary>The prompt a caller sent to a mailbox by a queue rule hears before recording.</summary>
    public const string VoicemailPrompt = "voicemail";

    private MonoWavRecorder? _voicemail;
    private string? _voicemailBox;
    private ITimer? _voicemailTimer;

    private void StartVoicemail(string mailbox, TimeSpan maxLength)
    {
        StopDigitTimer();
        if (_services.Voicemail is null)
        {
            _log.Warning("Call {CallId}: voicemail for {Mailbox} is not available on this box", CallId, mailbox);
            NoAgentsLeft();
            return;
        }

        var day = _record.ArrivedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = Path.Combine(_services.Options.DataDirectory, "voicemail", SafeFileName(mailbox), day,
            SafeFileName(CallId) + ".wav");
        try
        {
            _voicemail = new MonoWavRecorder(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Call {CallId}: voicemail recording to {Path} could not start", CallId, path);
            NoAgentsLeft();
            return;
        }

        _phase = CallPhase.Voicemail;
        _voicemailBox = mailbox;
        _callerRtp!.Source = null;
        _callerRtp.Sink = _voicemail;
        _voicemailTimer = _services.Time.CreateTimer(
            _ => Post(() =>
            {
                if (_phase == CallPhase.Voicemail)
                {
                    _log.Information(
                        "Call {CallId}: voicemail reached its longest {MaxLength}", CallId, maxLength);
                    return EndAsync(CallEnding.ByTheBox);
                }

                return ValueTask.CompletedTask;
            }),
            null,
            maxLength,
            Timeout.InfiniteTimeSpan);
        _log.Information("Call {CallId} recording a voicemail for mailbox {Mailbox}", CallId, mailbox);
    }

    /// <summary>The queue rule sends the caller to a mailbox: the prompt, then the recording.</summary>
    private void SendToVoicemail(string mailbox)
    {
        StopWaitingAnnouncements();
        _record.LeftQueueUtc = _services.Time.GetUtcNow();
        _phase = CallPhase.Voicemail;
        Play([VoicemailPrompt], loop: false, completed: () =>
        {
            if (_phase == CallPhase.Voicemail && _voicemail is null)
            {
                StartVoicemail(mailbox, TimeSpan.FromMinutes(2));
            }
        });
    }

    /// <summary>'#' ends a voicemail; the box hangs up after saving it.</summary>
    private void VoicemailDigit(char digit)
    {
        if (digit == '#' && _voicemail is not null)
        {
            Post(() => EndAsync(CallEnding.ByTheBox));
        }
    }

    /// <summary>Closes the recording, stores it and notifies the mailbox. Runs once, at the end.</summary>
    private void FinishVoicemail()
    {
        _voicemailTimer?.Dispose();
        if (_voicemail is null || _voicemailBox is null)
        {
            return;
        }

        if (_callerRtp is not null)
        {
            _callerRtp.Sink = null;
        }

        _voicemail.Dispose();
        var message = new VoicemailMessage(
            _voicemailBox,
            CallId,
            _record.CallerNumber ?? "anonymous",
            Path.GetRelativePath(_services.Options.DataDirectory, _voicemail.Path),
            _services.Time.GetUtcNow(),
            _voicemail.Duration);
        _voicemail = null;
        _record.Disposition = CallDisposition.Voicemail;

        int waiting;
        try
        {
            waiting = _services.Voicemail!.Save(message);
        }
        catch (Exception ex)
        {
            _log.Error(
                ex, "Call {CallId}: the voicemail for {Mailbox} could not be stored", CallId, message.Mailbox);
            return;
        }

        _log.Information(
            "Call {CallId} left a voicemail of {Seconds} s for mailbox {Mailbox}, which has {Waiting} new",
            CallId,
            (int)message.Duration.TotalSeconds,
            message.Mailbox,
            waiting);
        _services.MessageWaiting?.Notify(message.Mailbox);
    }
}
