using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Sip.Auth;
using Appliance.Sip.Registration;
using Appliance.Sip.Transactions;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Events;
using Appliance.Telephony.Prompts;
using Appliance.Telephony.Records;
using Serilog;

namespace Appliance.Telephony;

/// <summary>
/// Everything a call needs from the rest of the box, built once by the service. Every member
/// is thread-safe; calls share them.
/// </summary>
public sealed class CallServices
{
    private Trunks.RouteFailover? _routeFailover;

    public required SipTransactionLayer Sip { get; init; }

    public required SipRegistrar Registrar { get; init; }

    /// <summary>Where external numbers are dialled (flow transfers, overflow, remote agents);
    /// null when the box has no outbound route. Replaced whole, like <see cref="DialPlan"/>.</summary>
    public Trunks.ExternalRoutes? ExternalRoutes { get; set; }

    /// <summary>Which outbound routes failed lately, shared by every call the box places through a
    /// trunk (external numbers, callbacks, campaigns); by default one with the default timers on
    /// <see cref="Time"/> and <see cref="Log"/>.</summary>
    public Trunks.RouteFailover RouteFailover
    {
        get => LazyInitializer.EnsureInitialized(ref _routeFailover, () => new(new(), Time, Log));
        init => _routeFailover = value;
    }

    /// <summary>The external number a remote agent is rung at when no phone of its extension is
    /// registered, or null for an agent of this box's phones only. Read at start, as the agents are.</summary>
    public Func<string, string?> RemoteAgentNumber { get; init; } = _ => null;

    /// <summary>Digest authentication shared with the registrar, for feature-code INVITEs.</summary>
    public required DigestAuthenticator Authenticator { get; init; }

    /// <summary>The SIP password of an extension, or null for an unknown one.</summary>
    public required Func<string, string?> Passwords { get; init; }

    public required AutomaticCallDistributor Acd { get; init; }

    /// <summary>Replaced whole when an administrator changes the routing; each INVITE reads it
    /// once, so a call keeps the plan it was routed by.</summary>
    public required InboundDialPlan DialPlan { get; set; }

    /// <summary>Replaced whole, like <see cref="DialPlan"/>, when the trunks change.</summary>
    public required TrunkAcl Trunks { get; set; }

    /// <summary>IVR menus by name; null when there is no such menu.</summary>
    public required Func<string, IvrMenuDefinition?> Menus { get; init; }

    /// <summary>IVR flow documents by name; a call starts on the current version of its flow.</summary>
    public IvrFlowLibrary Flows { get; init; } = new();

    /// <summary>Whether a call answered from a queue (null for none) is recorded from the answer
    /// on, and the format its policy names (<c>wav</c>, <c>opus</c>; null where the queue's own
    /// setting decides); asked at each answer, so a policy changed meanwhile applies to the next
    /// call.</summary>
    public Func<string?, (bool RecordsAtAnswer, string? Format)> RecordingPolicyOf { get; init; } =
        _ => (true, null);

    /// <summary>The live answer rate of each queue, for expected-wait announcements; null says no wait.</summary>
    public ServiceRateMeter? ServiceRates { get; init; }

    /// <summary>Where voicemails are stored; null turns voicemail off (callers hear the apology).</summary>
    public Voicemail.IVoicemailBox? Voicemail { get; init; }

    /// <summary>Lights and turns off the mailboxes' lamps; null sends no message-waiting NOTIFY.</summary>
    public Voicemail.MessageWaitingNotifier? MessageWaiting { get; init; }

    /// <summary>Whether an owner dialling *97 from its own phone keys its PIN too
    /// (<c>Voicemail:PinFromOwnPhone</c>); the digest credentials of the phone are always asked.</summary>
    public bool MailboxPinFromOwnPhone { get; init; }

    /// <summary>Where callbacks are kept; null turns callbacks off (the caller keeps waiting).</summary>
    public Callbacks.ICallbackStore? Callbacks { get; init; }

    public Callbacks.CallbackOptions CallbackOptions { get; init; } = new();

    /// <summary>Queues by name; null when there is no such queue.</summary>
    public required Func<string, QueueDefinition?> Queues { get; init; }

    public required PromptLibrary Prompts { get; init; }

    /// <summary>The box's prompt language (<c>Prompts:Language</c>: <c>en</c> or <c>zh</c>): what a
    /// call hears until a flow chooses another, and what an extension's owner hears when the
    /// extension has no language of its own. Null is English.</summary>
    public string? Language { get; init; }

    /// <summary>The prompt language of an extension's owner (column <c>Extension.Language</c>) for
    /// its mailbox (*97, *98) and its feature codes, or null for the box's. Read at start, as the
    /// extensions are.</summary>
    public Func<string, string?> ExtensionLanguage { get; init; } = _ => null;

    /// <summary>Speaks the <c>say:</c> prompts of IVR flows; null leaves them out.</summary>
    public SpeechSynthesizer? Speech { get; init; }

    /// <summary>Sends the requests of IVR flows' webhook nodes; null sends none (each takes its
    /// failed branch).</summary>
    public Webhooks.FlowWebhookClient? Webhooks { get; init; }

    /// <summary>The customer a caller's number belongs to, for the IVR's lookup node; null
    /// finds nobody.</summary>
    public Func<string?, Appliance.CallCenter.Customers.CustomerProfile?>? Customers { get; init; }

    public required MediaClock Clock { get; init; }

    public required MediaPortAllocator RtpPorts { get; init; }

    public required ICallRecordSink Records { get; init; }

    /// <summary>Where finished recordings are listed; null lists them nowhere.</summary>
    public Appliance.Media.Recording.IRecordingIndex? RecordingIndex { get; init; }

    public required TelephonyOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Where calls and agent presence publish their changes; null publishes nothing.</summary>
    public TelephonyEventBus? Events { get; init; }

    public required ILogger Log { get; init; }
}
