using Appliance.Storage.Web;
using Appliance.Web.Calendar;
using Appliance.Web.Flows;
using Appliance.Web.Live;
using Appliance.Web.Panel;
using Appliance.Web.Trunks;
using Appliance.Web.Updates;
using Serilog;

namespace Appliance.Web.Hosting;

/// <summary>What the web needs from the rest of the box; the service fills it in.</summary>
public sealed class WebDependencies
{
    public required WebStore Store { get; init; }

    public required IContactCenterFloor Floor { get; init; }

    public required IRoutingConfiguration Routing { get; init; }

    /// <summary>The IVR flow documents the editor page changes; none on a box without flows.</summary>
    public IFlowEditor Flows { get; init; } = new NoFlowEditor();

    /// <summary>Pause and resume of call recordings, or null where calls cannot be paused.</summary>
    public ICallRecordingControl? Recording { get; init; }

    /// <summary>The mailboxes for <c>/api/voicemail</c>, or null where the box keeps no voicemail.</summary>
    public Appliance.Web.Voicemail.IVoicemailDirectory? Voicemail { get; init; }

    /// <summary>The pending callbacks for <c>/api/callbacks</c>, or null where the box keeps none.</summary>
    public Appliance.Web.Callbacks.ICallbackDesk? Callbacks { get; init; }

    /// <summary>Blind and attended transfer from the desktop, or null where calls cannot be transferred.</summary>
    public Desk.IDeskCallControl? DeskCalls { get; init; }

    /// <summary>Where business-hours changes go; stored only (read at the next start) by default.</summary>
    public ICalendarConfiguration Calendar { get; init; } = new StoredCalendarOnly();

    /// <summary>The outbound campaigns, or null on a box that runs none.</summary>
    public ICampaignConsole? Campaigns { get; init; }

    /// <summary>The front panel, or null on a box without one.</summary>
    public IFrontPanelView? Panel { get; init; }

    /// <summary>The network settings the front panel also edits, or null where the web does not
    /// set them (<c>/api/admin/network</c> then answers 404).</summary>
    public Appliance.Web.Network.INetworkSetup? Network { get; init; }

    /// <summary>The PSTN trunks, or null on a box without a telephony card.</summary>
    public ITrunkStatusView? Trunks { get; init; }

    /// <summary>Text messages through the GSM modules; null when the box has none.</summary>
    public Appliance.Web.Sms.ISmsCenter? Sms { get; init; }
    /// <summary>The firmware slots and their installer, or null where the box has none.</summary>
    public IFirmwareUpdates? Firmware { get; init; }

    /// <summary>What <see cref="PstnRunning"/> holds for a GSM module's PIN that is set: the web
    /// is never given the PIN itself.</summary>
    public const string PstnPinSet = "(set)";

    /// <summary>The <c>Pstn:*</c> settings the service started with, by key, for <c>/pstn</c>;
    /// empty where the service does not say. GSM modules' PINs are <see cref="PstnPinSet"/> or
    /// empty.</summary>
    public IReadOnlyDictionary<string, string> PstnRunning { get; init; } = new Dictionary<string, string>();

    /// <summary>The prompt languages an extension may be given; English only where the service
    /// does not say.</summary>
    public Appliance.Web.Api.PromptSets PromptSets { get; init; } = Appliance.Web.Api.PromptSets.EnglishOnly;

    public required TimeProvider Time { get; init; }

    public required ILogger Log { get; init; }
}
