using System.Globalization;
using System.Text;
using Appliance.CallCenter.Calendar;
using Appliance.CallCenter.Customers;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// One call walking through one version of an <see cref="IvrFlowDocument"/>. Pure, like
/// <see cref="IvrSession"/>: each input returns the <see cref="IvrAction"/> the call must carry
/// out (play, wait for a digit, or one of the endings <see cref="QueueCall"/>,
/// <see cref="TransferCall"/>, <see cref="HangUpCall"/>). The run holds the document it started
/// with, so replacing the flow in the <see cref="IvrFlowLibrary"/> never changes a call already
/// in it. Conditions read the time of the <see cref="TimeProvider"/> when the call reaches them, in
/// the zone of the box's <see cref="BusinessCalendar"/> the run was started with (the clock's local
/// zone when the calendar has none), and that calendar's schedules and holidays. Not thread safe: it belongs to the call that owns it.
/// </summary>
public sealed class IvrFlowRun
{
    // Set and condition nodes run without waiting; a document whose branches loop through them
    // alone would never yield, so a run gives up (and hangs up) after this many in a row.
    private const int MaxStepsWithoutWaiting = 256;

    private readonly TimeProvider _time;
    private readonly BusinessCalendar _calendar;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly StringBuilder _digits = new();
    private FlowNode? _node;
    private RunState _state = RunState.NotStarted;
    private int _attempts;

    /// <param name="document">The flow version the call runs.</param>
    /// <param name="time">The clock conditions read the time of.</param>
    /// <param name="calendar">The box's business hours and holidays; none when null.</param>
    public IvrFlowRun(IvrFlowDocument document, TimeProvider time, BusinessCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(time);
        Document = document;
        _time = time;
        _calendar = calendar ?? BusinessCalendar.Empty;
    }

    /// <summary>The document (and so the version) this call runs, whatever replaced it since.</summary>
    public IvrFlowDocument Document { get; }

    /// <summary>The call's variables: set nodes and collected digits.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The id of the node the call is in, or null before the start.</summary>
    public string? CurrentNode => _node?.Id;

    /// <summary>The digit of the last menu choice the caller made, or null when none was made.</summary>
    public char? LastChoice { get; private set; }

    /// <summary>True once an ending action has been returned; later inputs do nothing.</summary>
    public bool IsFinished => _state == RunState.Finished;

    /// <exception cref="InvalidOperationException">The run was already started.</exception>
    public IvrAction Start()
    {
        if (_state != RunState.NotStarted)
        {
            throw new InvalidOperationException($"The run of flow '{Document.Name}' was already started.");
        }

        return Enter(Document.Start);
    }

    /// <summary>The prompts of the last <see cref="PlayPrompts"/> have finished playing.</summary>
    public IvrAction PromptsFinished()
    {
        if (_state != RunState.Prompting)
        {
            return NoAction.Instance;
        }

        switch (_node)
        {
            case PlayNode play:
                return Enter(play.Next);
            case HangUpNode:
                return Finish(HangUpCall.Instance);
            case VoicemailNode voicemail:
                return Finish(new RecordVoicemail(voicemail.Mailbox, voicemail.MaxLength));
            case MenuNode menu:
                _state = RunState.WaitingForDigit;
                return new WaitForDigit(menu.Timeout);
            case CollectNode collect:
                _state = RunState.WaitingForDigit;
                return new WaitForDigit(collect.Timeout);
            default:
                return NoAction.Instance;
        }
    }

    /// <summary>A DTMF digit, during a menu's or a collect's prompts (barge-in) or after them.</summary>
    public IvrAction Digit(char digit)
    {
        if (_state is not (RunState.Prompting or RunState.WaitingForDigit))
        {
            return NoAction.Instance;
        }

        switch (_node)
        {
            case MenuNode menu:
                if (menu.Choices.TryGetValue(digit, out var target))
                {
                    LastChoice = digit;
                    return Enter(target);
                }

                return MenuFailed(menu, timedOut: false);
            case CollectNode collect:
                if (digit == collect.Terminator)
                {
                    return CollectDone(collect);
                }

                _digits.Append(digit);
                if (_digits.Length >= collect.MaxLength)
                {
                    return CollectDone(collect);
                }

                // While the prompts play the digit is kept and the prompts go on; after them each
                // digit restarts the inter-digit timer.
                return _state == RunState.WaitingForDigit ? new WaitForDigit(collect.Timeout) : NoAction.Instance;
            default:
                return NoAction.Instance;
        }
    }

    /// <summary>
    /// The answer to the last <see cref="LookUpCustomer"/>: the customer the caller's number
    /// belongs to, or null for none. Ignored when the run is not waiting for it.
    /// </summary>
    public IvrAction CustomerLookedUp(CustomerProfile? customer)
    {
        if (_state != RunState.LookingUp || _node is not LookupNode lookup)
        {
            return NoAction.Instance;
        }

        if (customer is null)
        {
            return Enter(lookup.Unknown);
        }

        _variables["customer.name"] = customer.Name;
        _variables["customer.account"] = customer.Account;
        _variables["customer.vip"] = customer.VipPriority.ToString(CultureInfo.InvariantCulture);
        _variables["customer.language"] = customer.Language ?? string.Empty;
        return Enter(lookup.Known);
    }

    /// <summary>
    /// The answer to the last <see cref="CallWebhook"/>: the fields of the JSON object the CRM
    /// returned (nested ones as <c>account.id</c>), or null when the request failed. Ignored when
    /// the run is not waiting for it.
    /// </summary>
    public IvrAction WebhookAnswered(IReadOnlyDictionary<string, string>? fields)
    {
        if (_state != RunState.CallingWebhook || _node is not WebhookNode webhook)
        {
            return NoAction.Instance;
        }

        if (fields is null)
        {
            return Enter(webhook.Failed);
        }

        foreach (var (variable, field) in webhook.Map)
        {
            if (fields.TryGetValue(field, out var value))
            {
                _variables[variable] = value;
            }
        }

        return Enter(webhook.Ok);
    }

    /// <summary>The timer of the last <see cref="WaitForDigit"/> fired; ignored in any other state.</summary>
    public IvrAction DigitTimedOut()
    {
        if (_state != RunState.WaitingForDigit)
        {
            return NoAction.Instance;
        }

        return _node switch
        {
            MenuNode menu => MenuFailed(menu, timedOut: true),
            CollectNode collect => CollectDone(collect),
            _ => NoAction.Instance,
        };
    }

    /// <summary>
    /// The transfer of the last <see cref="TransferCall"/> did not connect: the flow goes on at
    /// the node's failed branch. Returns <see cref="HangUpCall"/> when the node has none (the
    /// call then plays its apology), and nothing in any other state.
    /// </summary>
    public IvrAction TransferFailed()
    {
        if (_state != RunState.Transferring || _node is not TransferNode transfer)
        {
            return NoAction.Instance;
        }

        return transfer.Failed is { } failed ? Enter(failed) : Finish(HangUpCall.Instance);
    }

    /// <summary>The transfer of the last <see cref="TransferCall"/> connected; the flow is over.</summary>
    public void TransferConnected()
    {
        if (_state == RunState.Transferring)
        {
            _state = RunState.Finished;
        }
    }

    private IvrAction Enter(string id)
    {
        for (var steps = 0; steps < MaxStepsWithoutWaiting; steps++)
        {
            _node = Document.Nodes[id];
            _attempts = 0;
            _digits.Clear();
            switch (_node)
            {
                case SetVariableNode set:
                    _variables[set.Variable] = set.Value;
                    id = set.Next;
                    continue;
                case LanguageNode language:
                    if (language.Choose(_variables) is { } chosen)
                    {
                        _variables[LanguageNode.Variable] = chosen;
                    }

                    id = language.Next;
                    continue;
                case ConditionNode condition:
                    id = Holds(condition) ? condition.Then : condition.Else;
                    continue;
                case PlayNode play:
                    return Prompt(play.Prompts);
                case MenuNode menu:
                    return Prompt(menu.Greeting is null ? menu.Prompts : [menu.Greeting, .. menu.Prompts]);
                case CollectNode collect:
                    return Prompt(collect.Prompts);
                case HangUpNode hangUp:
                    return hangUp.Prompts.Count == 0 ? Finish(HangUpCall.Instance) : Prompt(hangUp.Prompts);
                case QueueNode queue:
                    return Finish(new QueueCall(queue.Queue, RequirementsOf(queue)));
                case LookupNode:
                    _state = RunState.LookingUp;
                    return LookUpCustomer.Instance;
                case WebhookNode webhook:
                    _state = RunState.CallingWebhook;
                    return new CallWebhook(
                        webhook.Url,
                        webhook.Method,
                        webhook.Timeout,
                        new Dictionary<string, string>(_variables, StringComparer.Ordinal))
                    {
                        Auth = webhook.Auth,
                        Retries = webhook.Retries,
                    };
                case TransferNode transfer:
                    _state = RunState.Transferring;
                    return new TransferCall(transfer.Extension, transfer.External);
                case VoicemailNode voicemail:
                    return voicemail.Prompts.Count == 0
                        ? Finish(new RecordVoicemail(voicemail.Mailbox, voicemail.MaxLength))
                        : Prompt(voicemail.Prompts);
            }
        }

        return Finish(HangUpCall.Instance);
    }

    private PlayPrompts Prompt(IReadOnlyList<string> prompts)
    {
        _state = RunState.Prompting;
        return new PlayPrompts([.. prompts.Select(p => SpokenPrompt.Expand(p, _variables))]);
    }

    private CallRequirements RequirementsOf(QueueNode queue)
    {
        if (queue.PriorityVariable is { } variable
            && _variables.TryGetValue(variable, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            && priority <= IvrFlowValidator.MaxPriority)
        {
            return queue.Requirements with { Priority = priority };
        }

        return queue.Requirements;
    }

    private IvrAction Finish(IvrAction ending)
    {
        _state = RunState.Finished;
        return ending;
    }

    private IvrAction MenuFailed(MenuNode menu, bool timedOut)
    {
        if (_attempts >= menu.Retries)
        {
            return Enter(timedOut ? menu.TimedOut ?? menu.Invalid : menu.Invalid);
        }

        _attempts++;
        return Prompt(menu.InvalidPrompt is null ? menu.Prompts : [menu.InvalidPrompt, .. menu.Prompts]);
    }

    private IvrAction CollectDone(CollectNode collect)
    {
        var digits = _digits.ToString();
        if (digits.Length < collect.MinLength || digits.Length > collect.MaxLength)
        {
            return Enter(collect.Invalid);
        }

        _variables[collect.Variable] = digits;
        return Enter(collect.Next);
    }

    private bool Holds(ConditionNode condition)
    {
        var now = _calendar.LocalNow(_time);
        var day = DateOnly.FromDateTime(now.DateTime);
        var time = TimeOnly.FromDateTime(now.DateTime);
        if (condition.Weekdays is not null && !condition.Weekdays.Contains(now.DayOfWeek))
        {
            return false;
        }

        if (condition is { From: { } from, To: { } to })
        {
            // A range such as 22:00-06:00 runs past midnight.
            var inside = from <= to ? time >= from && time < to : time >= from || time < to;
            if (!inside)
            {
                return false;
            }
        }

        var isHoliday = Document.Holidays.Contains(day) || _calendar.IsHoliday(day);
        if (condition.Holiday is { } holiday && isHoliday != holiday)
        {
            return false;
        }

        if (condition.Schedule is { } schedule && !_calendar.IsOpen(schedule, now.DateTime))
        {
            return false;
        }

        return condition.Variable is null
            || (_variables.TryGetValue(condition.Variable, out var value)
                && string.Equals(value, condition.EqualsValue, StringComparison.Ordinal));
    }

    private enum RunState
    {
        NotStarted,
        Prompting,
        WaitingForDigit,
        LookingUp,
        CallingWebhook,
        Transferring,
        Finished,
    }
}
