using Appliance.CallCenter.Customers;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The steps of an IVR flow that ask the rest of the box or the world something: the customer
/// table for the caller's number, a CRM's webhook, and the speech synthesizer for the <c>say:</c> prompts that greet a caller by
/// name.
/// </summary>
internal sealed partial class Call
{
    private readonly Dictionary<string, short[]> _spoken = new(StringComparer.Ordinal);
    private int _speechWait;
    private bool _webhookFailureLogged;

    /// <summary>The flow steps that are neither prompts nor endings; true when it was one.</summary>
    private bool ApplyFlowService(IvrAction action)
    {
        switch (action)
        {
            case LookUpCustomer:
                Apply(_flow!.CustomerLookedUp(LookUpCaller()));
                return true;
            case CallWebhook webhook:
                _ = CallWebhookAsync(webhook);
                return true;
            default:
                return false;
        }
    }

    private async Task CallWebhookAsync(CallWebhook webhook)
    {
        var (fields, failure) = _services.Webhooks is { } client
            ? await client.CallAsync(webhook, CallId, _record.CallerNumber, _record.Did).ConfigureAwait(false)
            : (null, "no webhook client is configured");
        Post(() =>
        {
            if (failure is not null)
            {
                // One Warning per call: a CRM that is down would otherwise log once per node.
                var level = _webhookFailureLogged
                    ? Serilog.Events.LogEventLevel.Debug
                    : Serilog.Events.LogEventLevel.Warning;
                _webhookFailureLogged = true;
                _log.Write(
                    level,
                    "Call {CallId}: webhook {Url} failed ({Reason}); the flow takes its failed branch",
                    CallId,
                    webhook.Url,
                    failure);
            }

            if (InIvr)
            {
                Apply(_flow!.WebhookAnswered(fields));
            }
        });
    }

    private CustomerProfile? LookUpCaller()
    {
        var customer = _services.Customers?.Invoke(_record.CallerNumber);
        if (customer is null)
        {
            _log.Information(
                "Call {CallId}: caller {CallerNumber} is not in the customer table",
                CallId,
                _record.CallerNumber ?? "anonymous");
        }
        else
        {
            _log.Information(
                "Call {CallId}: caller {CallerNumber} is customer {Account} (VIP priority {VipPriority})",
                CallId,
                _record.CallerNumber,
                customer.Account,
                customer.VipPriority);
        }

        return customer;
    }

    /// <summary>
    /// Plays an IVR's prompts; spoken ones are synthesized first (the caller hears silence for
    /// that moment), and a digit or a later step meanwhile makes the synthesis stale.
    /// </summary>
    private void PlayIvrPrompts(IReadOnlyList<string> prompts)
    {
        var wait = ++_speechWait;
        var missing = prompts
            .Where(p => SpokenPrompt.IsSpoken(p) && !_spoken.ContainsKey(p))
            .Distinct()
            .ToList();
        if (missing.Count == 0)
        {
            PlayResolved(prompts);
            return;
        }

        _callerRtp!.Source = null;
        _ = SpeakThenPlayAsync(prompts, missing, CallLanguage, wait);
    }

    private async Task SpeakThenPlayAsync(
        IReadOnlyList<string> prompts, List<string> missing, string? language, int wait)
    {
        var spoken = new List<(string Prompt, short[] Samples)>();
        foreach (var prompt in missing)
        {
            var samples = _services.Speech is { } speech
                ? await speech.SpeakAsync(SpokenPrompt.TextOf(prompt), language).ConfigureAwait(false)
                : [];
            spoken.Add((prompt, samples));
        }

        Post(() =>
        {
            foreach (var (prompt, samples) in spoken)
            {
                _spoken[prompt] = samples;
            }

            if (wait == _speechWait && InIvr)
            {
                PlayResolved(prompts);
            }
        });
    }

    /// <summary>Plays prompts whose spoken ones are ready; one that could not be spoken is left
    /// out.</summary>
    private void PlayResolved(IReadOnlyList<string> prompts)
    {
        var playable = prompts
            .Where(p => !SpokenPrompt.IsSpoken(p) || _spoken.GetValueOrDefault(p) is { Length: > 0 })
            .ToList();
        if (playable.Count == 0)
        {
            Post(() =>
            {
                if (InIvr)
                {
                    Apply(IvrPromptsFinished());
                }
            });
            return;
        }

        Play(playable, loop: false, completed: () =>
        {
            if (InIvr)
            {
                Apply(IvrPromptsFinished());
            }
        });
    }

    /// <summary>
    /// The samples of a spoken prompt already synthesized, or of a recorded one in the call's
    /// language (<see cref="CallLanguage"/>), English where that set lacks it.
    /// </summary>
    private short[] PromptSamples(string prompt) =>
        _spoken.TryGetValue(prompt, out var samples)
            ? samples
            : _services.Prompts.Get(prompt, CallLanguage);
}
