using System.Text;
using Appliance.CallCenter.Prompts;
using Appliance.Media.Audio;
using Appliance.Telephony.Voicemail;

namespace Appliance.Telephony.Calls;

/// <summary>
/// A mailbox owner's call (*97 from its own phone, *98 from any phone with mailbox and PIN): the
/// owner hears how many new messages wait, then each message and the menu of
/// <see cref="MailboxPrompts"/>. Marking a message heard or deleting it changes the lamp's counts,
/// so each such change sends the message-waiting NOTIFY.
/// </summary>
internal sealed partial class Call
{
    /// <summary>The trunk label of calls from agents' phones, whose caller the digest proved.</summary>
    private const string AgentPhoneTrunk = "agent-phone";

    private const int MaxMailboxDigits = 16;
    private const int MaxPinTries = 3;
    private static readonly TimeSpan s_mailboxKeyTimeout = TimeSpan.FromSeconds(15);

    private readonly StringBuilder _mailboxKeys = new();
    private MailboxStep _mailboxStep;
    private string? _mailboxOwner;
    private IReadOnlyList<StoredVoicemail> _mailboxMessages = [];
    private int _mailboxIndex;
    private int _pinTries;
    private int _mailboxWait;
    private ITimer? _mailboxTimer;

    private enum MailboxStep
    {
        Number,
        Pin,
        Message,
        Menu,
        Saying,
    }

    /// <summary>Starts a mailbox call; <paramref name="caller"/> is the authenticated extension on an agent phone.</summary>
    private void StartMailbox(string code, string caller)
    {
        _phase = CallPhase.Mailbox;
        if (_services.Voicemail is null)
        {
            _log.Warning("Call {CallId}: voicemail is not available on this box", CallId);
            SayAndHangUp([MailboxPrompts.Refused]);
            return;
        }

        // *97 names the caller's own mailbox, which only the digest credentials of an agent phone
        // prove; a trunk caller's From is whatever the far end wrote.
        if (code == MailboxPrompts.OwnMailboxCode && Trunk == AgentPhoneTrunk)
        {
            _mailboxOwner = caller;
            if (_services.MailboxPinFromOwnPhone && _services.Voicemail.PinOf(caller) is not null)
            {
                AskFor(MailboxStep.Pin, MailboxPrompts.EnterPin);
                return;
            }

            _log.Information("Call {CallId}: {Mailbox} opened its mailbox from its own phone", CallId, caller);
            OpenMailbox();
            return;
        }

        var dialled = MailboxPrompts.MailboxDialled(code);
        if (dialled is { Length: > 0 })
        {
            _mailboxOwner = dialled;
            AskFor(MailboxStep.Pin, MailboxPrompts.EnterPin);
            return;
        }

        AskFor(MailboxStep.Number, MailboxPrompts.EnterMailbox);
    }

    private void AskFor(MailboxStep step, string prompt)
    {
        _mailboxStep = step;
        _mailboxKeys.Clear();
        Play([prompt], loop: false, completed: () => WaitForMailboxKey());
        WaitForMailboxKey();
    }

    private void MailboxDigit(char digit)
    {
        switch (_mailboxStep)
        {
            case MailboxStep.Number or MailboxStep.Pin:
                KeyReceived(digit);
                break;
            case MailboxStep.Message or MailboxStep.Menu:
                MenuChoice(digit);
                break;
        }
    }

    /// <summary>Mailbox and PIN are keyed digit by digit and ended with '#' (or a pause).</summary>
    private void KeyReceived(char digit)
    {
        WaitForMailboxKey();
        if (digit != '#')
        {
            if (_mailboxKeys.Length < MaxMailboxDigits && char.IsAsciiDigit(digit))
            {
                _mailboxKeys.Append(digit);
            }

            return;
        }

        KeysComplete();
    }

    private void KeysComplete()
    {
        var keyed = _mailboxKeys.ToString();
        _mailboxKeys.Clear();
        if (_mailboxStep == MailboxStep.Number)
        {
            _mailboxOwner = keyed;
            AskFor(MailboxStep.Pin, MailboxPrompts.EnterPin);
            return;
        }

        // A mailbox without a PIN cannot be opened with one; the caller is told the same either
        // way, so the answer does not reveal which mailboxes exist.
        var pin = _mailboxOwner is { Length: > 0 } owner ? _services.Voicemail!.PinOf(owner) : null;
        if (pin is not null && string.Equals(pin, keyed, StringComparison.Ordinal))
        {
            _log.Information("Call {CallId}: mailbox {Mailbox} opened with its PIN", CallId, _mailboxOwner);
            OpenMailbox();
            return;
        }

        _pinTries++;
        _log.Warning(
            "Security: call {CallId} from {Caller} keyed a wrong PIN for mailbox {Mailbox} ({Tries} of {MaxTries})",
            CallId,
            _record.CallerNumber,
            _mailboxOwner,
            _pinTries,
            MaxPinTries);
        if (_pinTries >= MaxPinTries)
        {
            SayAndHangUp([MailboxPrompts.Refused]);
            return;
        }

        var askNumber = _target.Name == MailboxPrompts.AnyMailboxCode;
        StopMailboxTimer();
        _mailboxStep = MailboxStep.Saying;
        Play([MailboxPrompts.Refused], loop: false, completed: () =>
        {
            if (askNumber)
            {
                AskFor(MailboxStep.Number, MailboxPrompts.EnterMailbox);
            }
            else
            {
                AskFor(MailboxStep.Pin, MailboxPrompts.EnterPin);
            }
        });
    }

    /// <summary>The owner is in: the count of new messages, then the first message.</summary>
    private void OpenMailbox()
    {
        StopMailboxTimer();
        var mailbox = _mailboxOwner!;
        _language = _services.ExtensionLanguage(mailbox);
        _mailboxMessages = _services.Voicemail!.Messages(mailbox);
        _mailboxIndex = 0;
        var unheard = _mailboxMessages.Count(m => !m.Heard);
        var prompts = new List<string>();
        if (unheard == 0)
        {
            prompts.Add(MailboxPrompts.NoNewMessages);
        }
        else
        {
            prompts.Add(MailboxPrompts.YouHave);
            if (unheard <= NumberPrompts.Largest)
            {
                prompts.Add(NumberPrompts.Count(unheard));
            }

            prompts.Add(unheard == 1 ? MailboxPrompts.NewMessage : MailboxPrompts.NewMessages);
        }

        _log.Information(
            "Call {CallId}: mailbox {Mailbox} holds {New} new and {Old} old messages",
            CallId,
            mailbox,
            unheard,
            _mailboxMessages.Count - unheard);
        _mailboxStep = MailboxStep.Saying;
        Play(prompts, loop: false, completed: PlayCurrentMessage);
    }

    private void PlayCurrentMessage()
    {
        if (_mailboxIndex >= _mailboxMessages.Count)
        {
            SayAndHangUp([MailboxPrompts.NoMoreMessages]);
            return;
        }

        var message = _mailboxMessages[_mailboxIndex];
        short[] audio;
        try
        {
            audio = WavFile.ReadMono8k(Path.Combine(_services.Options.DataDirectory, message.File));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Call {CallId}: voicemail {VoicemailId} cannot be played", CallId, message.Id);
            _mailboxIndex++;
            PlayCurrentMessage();
            return;
        }

        _mailboxStep = MailboxStep.Message;
        var player = new PromptPlayer();
        player.Enqueue(audio);
        player.Completed += () => Post(() =>
        {
            if (ReferenceEquals(_callerRtp?.Source, player))
            {
                MessageHeard(message);
            }
        });
        _callerRtp!.Source = player;
        _log.Information(
            "Call {CallId}: playing voicemail {VoicemailId} of {Seconds} s from {Caller}",
            CallId,
            message.Id,
            (int)message.Duration.TotalSeconds,
            message.CallerNumber);
    }

    /// <summary>Heard to its end: an unheard message becomes old, then the menu is offered.</summary>
    private void MessageHeard(StoredVoicemail message)
    {
        MarkHeard(message);
        _mailboxStep = MailboxStep.Menu;
        Play([MailboxPrompts.MessageMenu], loop: false, completed: () => WaitForMailboxKey());
    }

    private void MenuChoice(char digit)
    {
        var message = _mailboxMessages[_mailboxIndex];
        switch (digit)
        {
            case '1':
                PlayCurrentMessage();
                break;
            case '2':
                _mailboxIndex++;
                PlayCurrentMessage();
                break;
            case '7':
                DeleteMessage(message);
                break;
            case '9':
                MarkHeard(message);
                _mailboxIndex++;
                SayThenNext(MailboxPrompts.Saved);
                break;
            default:
                return;
        }

        StopMailboxTimer();
    }

    private void DeleteMessage(StoredVoicemail message)
    {
        try
        {
            if (_services.Voicemail!.Delete(message.Id))
            {
                _log.Information("Call {CallId}: voicemail {VoicemailId} deleted by its owner", CallId, message.Id);
                _services.MessageWaiting?.Notify(message.Mailbox);
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Call {CallId}: voicemail {VoicemailId} could not be deleted", CallId, message.Id);
        }

        _mailboxIndex++;
        SayThenNext(MailboxPrompts.Deleted);
    }

    private void MarkHeard(StoredVoicemail message)
    {
        if (message.Heard)
        {
            return;
        }

        try
        {
            if (_services.Voicemail!.MarkHeard(message.Id))
            {
                _mailboxMessages = [.. _mailboxMessages.Select(m => m.Id == message.Id ? m with { Heard = true } : m)];
                _services.MessageWaiting?.Notify(message.Mailbox);
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Call {CallId}: voicemail {VoicemailId} could not be marked heard", CallId, message.Id);
        }
    }

    private void SayThenNext(string prompt)
    {
        _mailboxStep = MailboxStep.Saying;
        Play([prompt], loop: false, completed: PlayCurrentMessage);
    }

    private void SayAndHangUp(IReadOnlyList<string> prompts)
    {
        StopMailboxTimer();
        _mailboxStep = MailboxStep.Saying;
        Play(prompts, loop: false, completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));
    }

    /// <summary>(Re)starts the wait for the next key; when it passes, keyed digits count as ended
    /// with '#', and with nothing keyed (or after the menu) the box says goodbye.</summary>
    private void WaitForMailboxKey()
    {
        StopMailboxTimer();
        var wait = ++_mailboxWait;
        _mailboxTimer = _services.Time.CreateTimer(
            _ => Post(() =>
            {
                if (wait != _mailboxWait || _phase != CallPhase.Mailbox)
                {
                    return;
                }

                if (_mailboxStep is MailboxStep.Number or MailboxStep.Pin && _mailboxKeys.Length > 0)
                {
                    KeysComplete();
                    return;
                }

                _log.Information("Call {CallId}: no key from the mailbox caller, hanging up", CallId);
                StopMailboxTimer();
                Post(() => EndAsync(CallEnding.ByTheBox));
            }),
            null,
            s_mailboxKeyTimeout,
            Timeout.InfiniteTimeSpan);
    }

    private void StopMailboxTimer()
    {
        _mailboxWait++;
        _mailboxTimer?.Dispose();
        _mailboxTimer = null;
    }
}
