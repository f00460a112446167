using System.Net;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>
/// The service's settings, read once at start from embedded defaults, an optional JSON file
/// given with <c>--config</c>, <c>SPARKLECC_</c> environment variables and the command line.
/// </summary>
public sealed class ApplianceSettings
{
    public required ApplianceProfile Profile { get; init; }

    /// <summary>Absolute path of the folder holding the database, recordings and logs.</summary>
    public required string DataDirectory { get; init; }

    public required IPAddress SipBindAddress { get; init; }

    public required int SipPort { get; init; }

    /// <summary>The address put in Contact and SDP; null picks one from the interfaces.</summary>
    public required IPAddress? SipAdvertisedAddress { get; init; }

    public required int RtpPortMin { get; init; }

    public required int RtpPortMax { get; init; }

    /// <summary>Rtp:Timeout: silence from a leg after which its call is hung up; zero is off.</summary>
    public TimeSpan RtpTimeout { get; init; }

    /// <summary>Recording:RetentionDays, MaxDiskMegabytes and RetentionInterval.</summary>
    public Appliance.Storage.Recordings.RecordingRetentionPolicy RecordingRetention { get; init; } = new();

    public required TimeSpan DemoRingTimeout { get; init; }

    /// <summary>How many extensions the demo seed creates from 1001 on.</summary>
    public required int DemoExtensions { get; init; }

    /// <summary>Absolute path of the prompt folder.</summary>
    public required string PromptDirectory { get; init; }

    /// <summary>Prompts:Language: the box's prompt language, <c>en</c> (the default) or <c>zh</c>.</summary>
    public string PromptLanguage { get; init; } = "en";

    /// <summary>Ivr:FlowDirectory: absolute path of a folder of IVR flow documents taken into
    /// the database at start, or empty for none.</summary>
    public string FlowDirectory { get; init; } = "";

    /// <summary>Ivr:WebhookSecrets:&lt;name&gt;: the tokens and passwords flow webhook nodes name
    /// in their <c>auth.secret</c>. Never logged, never shown on a page.</summary>
    internal IReadOnlyDictionary<string, string> WebhookSecrets { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>TCP and TLS listeners and digest algorithms.</summary>
    public SipTransportSettings SipTransports { get; init; } = new();

    /// <summary>Carrier trunks the box resolves and may register with (<c>Sip:Trunks:N:*</c>).</summary>
    public SipTrunks.CarrierTrunkSettings CarrierTrunks { get; init; } = new();

    /// <summary>The telephony card to open (sim:... or dahdi:...), or empty for none.</summary>
    public string PstnCard { get; init; } = "";

    /// <summary>The DID of PSTN calls that carry no called number (FXO lines, GSM slots).</summary>
    public string PstnLineDid { get; init; } = "";

    /// <summary>Caller-ID signals FXO lines are listened for: a comma list of bell202, v23 and
    /// dtmf, or all, or none (parsed where the gateway starts).</summary>
    public string PstnFxoCallerId { get; init; } = "all";

    /// <summary>Trunk groups of card ports (<c>name=port,port; ...</c>) and outbound routes
    /// (<c>prefix=group,group; ...</c>); empty gives one group per port kind and one route.</summary>
    public string PstnGroups { get; init; } = "";

    public string PstnRoutes { get; init; } = "";

    /// <summary>An upstream SIP core (address:port) that takes the PSTN calls first; while it does
    /// not answer OPTIONS they come to the box itself, as <see cref="PstnLocalFallbackDid"/> when
    /// set. Empty hands every call to the box.</summary>
    public string PstnUpstream { get; init; } = "";

    public string PstnLocalFallbackDid { get; init; } = "";

    /// <summary>Pstn:SipTrunks: carriers outbound routes may fail over to, <c>name=address:port; ...</c>
    /// (parsed where the gateway starts); Pstn:SipTrunkQualify: whether they are asked with OPTIONS.</summary>
    public string PstnSipTrunks { get; init; } = "";

    public bool PstnSipTrunkQualify { get; init; } = true;

    /// <summary>Pstn:Gateway:SipPort: the UDP port of the gateway's own SIP socket on loopback, where
    /// the box sends outbound PSTN calls; 0 takes any free port.</summary>
    public int PstnGatewaySipPort { get; init; }

    /// <summary>Pstn:Gateway:UpstreamAnswerWait: how long the upstream has to send anything back for a
    /// PSTN call before the gateway offers it to the local fallback instead (1 s to 60 s).</summary>
    public TimeSpan PstnGatewayUpstreamAnswerWait { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Gains in dB on what FXO lines send and on what goes to them (-24 to 24).</summary>
    public int PstnFxoFromLineGainDb { get; init; }

    public int PstnFxoToLineGainDb { get; init; }

    /// <summary>E1 span signalling (<c>Pstn:Spans:N:*</c>); spans not named are PRI, CPE side.</summary>
    public IReadOnlyList<SpanSettings> PstnSpans { get; init; } = [];

    /// <summary>GSM/4G modules driven by AT commands (<c>Pstn:Gsm:N:*</c>), none by default.</summary>
    public IReadOnlyList<GsmModuleSettings> PstnGsm { get; init; } = [];

    /// <summary>Echo cancellation of the card's FXO lines (<c>Pstn:Fxo:N:*</c>); a line not
    /// named keeps the card's default, on with 128 ms.</summary>
    public IReadOnlyList<FxoLineSettings> PstnFxo { get; init; } = [];

    /// <summary>Pstn:SmsRetry: the wait before a text message the modules refused is tried again
    /// (doubling on each failure, up to ten minutes).</summary>
    public TimeSpan PstnSmsRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Telephony:Supervisors: the extensions allowed to dial *81, *82 and *83, comma-separated.</summary>
    public IReadOnlySet<string> Supervisors { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The web server's listeners, ports (0 = off) and webhooks (<c>Web:*</c>).</summary>
    public Appliance.Service.Web.WebSettings Web { get; init; } = new();

    /// <summary>Where external numbers are dialled (<c>Telephony:External:*</c>).</summary>
    public Outbound.ExternalRouteSettings External { get; init; } = new();

    /// <summary>How waiting callers are called back (<c>Callbacks:*</c>).</summary>
    public Appliance.Telephony.Callbacks.CallbackOptions Callbacks { get; init; } = new();

    /// <summary>Mailbox PINs and message-waiting retries (<c>Voicemail:*</c>).</summary>
    internal VoicemailSettings Voicemail { get; init; } = VoicemailSettings.Default;

    /// <summary>The outbound campaigns (<c>Dialer:Campaigns:N:*</c>), none by default.</summary>
    public IReadOnlyList<Dialer.CampaignSettings> Campaigns { get; init; } = [];

    private static readonly HashSet<string> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Appliance:Profile",
        "Appliance:DataDirectory",
        "Sip:BindAddress",
        "Sip:Port",
        "Sip:AdvertisedAddress",
        "Rtp:PortMin",
        "Rtp:PortMax",
        "Rtp:Timeout",
        "Demo:RingTimeout",
        "Demo:Extensions",
        "Prompts:Directory",
        "Prompts:Language",
        "Pstn:Card",
        "Pstn:LineDid",
        "Pstn:FxoCallerId",
        "Pstn:Groups",
        "Pstn:Routes",
        "Pstn:Upstream",
        "Pstn:LocalFallbackDid",
        "Pstn:SipTrunks",
        "Pstn:SipTrunkQualify",
        "Pstn:FxoFromLineGainDb",
        "Pstn:FxoToLineGainDb",
        "Pstn:Gsm",
        "Pstn:Spans",
        "Pstn:Fxo",
        "Pstn:SmsRetry",
        "Pstn:Gateway",
        "Web:BindAddress",
        "Web:HttpsPort",
        "Web:HttpPort",
        "Web:Webhooks",
        "Telephony:Supervisors",
        "Ivr:FlowDirectory",
        "Ivr:WebhookSecrets",
        "Dialer:Campaigns",
        "Dialer:AbandonHold",
        "Dialer:Blending",
        "Recording:RetentionDays",
        "Recording:MaxDiskMegabytes",
        "Recording:RetentionInterval",
        "Callbacks:Trunk",
        "Callbacks:MaxAttempts",
        "Callbacks:RetryAfter",
        "Callbacks:RingLimit",
        "Callbacks:ConfirmTimeout",
        "Callbacks:OfferTimeout",
        "Voicemail:PinFromOwnPhone",
        "Voicemail:NotifyRetry",
        "Voicemail:NotifyAttempts",
    };

    /// <summary>
    /// Keys under our sections that no setting reads, such as a misspelt <c>Sip:Prot</c>: worth a
    /// warning, since the admin meant to change something.
    /// </summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration)
    {
        var unknown = new List<string>();
        string[] sections =
        [
            "Appliance", "Sip", "Rtp", "Demo", "Prompts", "Pstn", "Web", "Board", "Update",
            "Telephony", "Ivr", "Dialer", "Recording", "Callbacks", "Voicemail",
        ];
        foreach (var section in sections)
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                if (!s_keys.Contains(child.Path)
                    && !SipTransportSettings.Keys.Contains(child.Path, StringComparer.OrdinalIgnoreCase)
                    && !SipTrunks.CarrierTrunkSettings.Keys.Contains(child.Path, StringComparer.OrdinalIgnoreCase)
                    && !Outbound.ExternalRouteSettings.Keys.Contains(child.Path, StringComparer.OrdinalIgnoreCase)
                    && !Board.BoardSettings.Keys.Contains(child.Path, StringComparer.OrdinalIgnoreCase)
                    && !Updates.UpdateSettings.Keys.Contains(child.Path, StringComparer.OrdinalIgnoreCase))
                {
                    unknown.Add(child.Path);
                }
            }
        }

        return unknown;
    }

    /// <summary>
    /// The mistakes found in <c>Pstn:*</c> keys. They do not stop <see cref="Load"/>, which puts
    /// the default in their place: <c>PstnTrunks.Prepare</c> reports them together with the
    /// mistakes only the card's ports show (a span or port the card lacks), before anything is
    /// created.
    /// </summary>
    internal IReadOnlyList<ConfigurationException> PstnProblems { get; init; } = [];

    /// <summary>Reads and checks every setting.</summary>
    /// <exception cref="ConfigurationException">A value outside <c>Pstn:*</c> is missing or
    /// invalid; the key is named, and so is every <c>Pstn:*</c> key at fault.</exception>
    public static ApplianceSettings Load(IConfiguration configuration)
    {
        var problems = new ConfigurationProblems();
        var read = new ConfigurationReader(configuration);
        var pstn = ReadPstn(configuration, read, problems);
        try
        {
            return LoadOthers(configuration, read, pstn);
        }
        catch (ConfigurationException ex)
        {
            // Every key at fault at once: the first mistake outside Pstn:* and all of those inside.
            var all = new ConfigurationProblems();
            all.Add(ex);
            all.AddRange(problems.All);
            all.ThrowIfAny();
            throw;
        }
    }

    /// <summary>Every Pstn:* key, each mistake kept in <paramref name="problems"/> with the
    /// default in its place.</summary>
    private static PstnPart ReadPstn(IConfiguration configuration, ConfigurationReader read, ConfigurationProblems problems)
    {
        var card = problems.Read(() => CardUriOf(configuration, read), "");
        var lineDid = problems.Read(() => Did(configuration, read, "Pstn:LineDid"), "");
        var fallbackDid = problems.Read(() => Did(configuration, read, "Pstn:LocalFallbackDid"), "");
        var callerId = problems.Read(() => read.String("Pstn:FxoCallerId", "all"), "all");
        problems.Read(() => PstnValues.CallerIdSignalsOf(callerId), default);
        var groups = problems.Read(() => OneLine(configuration, read, "Pstn:Groups"), "");
        var routes = problems.Read(() => OneLine(configuration, read, "Pstn:Routes"), "");
        var upstream = problems.Read(() => read.String("Pstn:Upstream", ""), "");
        if (problems.Read(() => PstnValues.UpstreamOf(upstream), null) is null && fallbackDid.Length > 0
            && !problems.Has("Pstn:Upstream"))
        {
            problems.Add(
                "Pstn:LocalFallbackDid", "is taken only while Pstn:Upstream is down, and Pstn:Upstream is not set");
        }

        var sipTrunks = problems.Read(() => OneLine(configuration, read, "Pstn:SipTrunks"), "");
        problems.Read(() => PstnValues.SipTrunksOf(sipTrunks), []);
        foreach (var child in configuration.GetSection("Pstn:Gateway").GetChildren())
        {
            if (!child.Key.Equals("SipPort", StringComparison.OrdinalIgnoreCase)
                && !child.Key.Equals("UpstreamAnswerWait", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(child.Path, "is not a gateway setting (known: SipPort, UpstreamAnswerWait)");
            }
        }

        return new PstnPart
        {
            Card = card,
            LineDid = lineDid,
            FxoCallerId = callerId,
            Groups = groups,
            Routes = routes,
            Upstream = upstream,
            LocalFallbackDid = fallbackDid,
            SipTrunks = sipTrunks,
            SipTrunkQualify = problems.Read(
                () => read.String("Pstn:SipTrunkQualify", "true").ToLowerInvariant() switch
                {
                    "true" => true,
                    "false" => false,
                    var other => throw new ConfigurationException(
                        "Pstn:SipTrunkQualify", $"'{other}' is not true or false"),
                },
                true),
            FxoFromLineGainDb = problems.Read(() => read.Int("Pstn:FxoFromLineGainDb", 0, -24, 24), 0),
            FxoToLineGainDb = problems.Read(() => read.Int("Pstn:FxoToLineGainDb", 0, -24, 24), 0),
            Gsm = GsmModuleSettings.LoadAll(configuration, problems),
            Spans = SpanSettings.LoadAll(configuration, problems),
            Fxo = FxoLineSettings.LoadAll(configuration, problems),
            GatewaySipPort = problems.Read(() => read.Int("Pstn:Gateway:SipPort", 0, 0, 65535), 0),
            GatewayUpstreamAnswerWait = problems.Read(
                () => read.Duration(
                    "Pstn:Gateway:UpstreamAnswerWait",
                    TimeSpan.FromSeconds(4),
                    TimeSpan.FromSeconds(1),
                    TimeSpan.FromSeconds(60)),
                TimeSpan.FromSeconds(4)),
            SmsRetry = problems.Read(
                () => read.Duration(
                    "Pstn:SmsRetry", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
                TimeSpan.FromSeconds(30)),
            Problems = problems,
        };
    }

    /// <exception cref="ConfigurationException">Pstn:Card is neither a sim: nor a dahdi: URI, or a
    /// section stands where its line belongs.</exception>
    private static string CardUriOf(IConfiguration configuration, ConfigurationReader read)
    {
        // A JSON object here would otherwise read as no card at all, and the box start without one.
        var uri = OneLine(configuration, read, "Pstn:Card", nameTheKey: true);
        if (uri.Length > 0 && !uri.StartsWith("sim:", StringComparison.Ordinal)
            && !uri.StartsWith("dahdi:", StringComparison.Ordinal))
        {
            throw new ConfigurationException(
                "Pstn:Card", $"'{uri}' is not sim:<socket>?e1=N&fxo=N&gsm=N or dahdi:/dev/dahdi");
        }

        return uri;
    }

    /// <summary>A DID: the number of a dial-plan entry, so digits only (a '+' or '*' would match
    /// none), as the web form's check has it.</summary>
    /// <exception cref="ConfigurationException">The value is not 1 to 20 digits.</exception>
    internal static string Did(IConfiguration configuration, ConfigurationReader read, string key)
    {
        var text = OneLine(configuration, read, key, nameTheKey: true);
        if (text.Length > 20 || !text.All(char.IsAsciiDigit))
        {
            throw new ConfigurationException(key, $"'{text}' is not a number of up to 20 digits");
        }

        return text;
    }

    /// <summary>A setting written as one line; a list of sections in its place (a JSON array,
    /// say) is refused rather than ignored. The mistake names the first value found under the key,
    /// or with <c>nameTheKey</c> the key itself (a one-value setting such as Pstn:Card).</summary>
    /// <exception cref="ConfigurationException">The key has sections under it.</exception>
    private static string OneLine(
        IConfiguration configuration,
        ConfigurationReader read,
        string key,
        bool nameTheKey = false)
    {
        var leaf = configuration.GetSection(key).AsEnumerable()
            .Where(pair => pair.Value is not null && !pair.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        if (leaf is not null && nameTheKey)
        {
            throw new ConfigurationException(key, $"is one line of text (see docs/drivers.md), not a section ({leaf})");
        }

        if (leaf is not null)
        {
            throw new ConfigurationException(
                leaf, $"{key} is one line of text (see docs/drivers.md), not a list of sections");
        }

        return read.String(key, "");
    }

    private static ApplianceSettings LoadOthers(IConfiguration configuration, ConfigurationReader read, PstnPart pstn)
    {
        var rtpMin = read.Int("Rtp:PortMin", 20000, 1024, 65534);
        var rtpMax = read.Int("Rtp:PortMax", 20999, 1025, 65535);
        if (rtpMax - rtpMin < 3)
        {
            throw new ConfigurationException(
                "Rtp:PortMax",
                $"must be at least {rtpMin + 3} (Rtp:PortMin + 3)");
        }

        var ringTimeout = read.Duration(
            "Demo:RingTimeout",
            TimeSpan.FromSeconds(15),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(5));
        if (ringTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ConfigurationException(
                "Demo:RingTimeout",
                $"{ringTimeout} is not a whole number of seconds");
        }

        var sipPort = read.Int("Sip:Port", 5060, 1, 65535);
        if (sipPort >= rtpMin && sipPort <= rtpMax + 1)
        {
            throw new ConfigurationException(
                "Sip:Port",
                $"{sipPort} lies inside the RTP range {rtpMin}-{rtpMax}");
        }

        var gatewayPort = pstn.GatewaySipPort;
        if (gatewayPort == sipPort || (gatewayPort >= rtpMin && gatewayPort <= rtpMax + 1))
        {
            pstn.Problems.Add(
                "Pstn:Gateway:SipPort",
                gatewayPort == sipPort
                    ? $"{gatewayPort} is the box's own Sip:Port"
                    : $"{gatewayPort} lies inside the RTP range {rtpMin}-{rtpMax}");
        }

        var data = read.String("Appliance:DataDirectory", "data");
        var defaultPrompts = Path.Combine(AppContext.BaseDirectory, "Prompts", "en");
        var prompts = read.String("Prompts:Directory", defaultPrompts);
        var flows = read.String("Ivr:FlowDirectory", "");
        var language = read.String("Prompts:Language", "en").Trim().ToLowerInvariant();
        var languages = Appliance.CallCenter.Ivr.Flows.LanguageNode.Languages;
        if (!languages.Contains(language))
        {
            throw new ConfigurationException(
                "Prompts:Language",
                $"'{language}' is not a prompt language ({string.Join(", ", languages)})");
        }

        return new ApplianceSettings
        {
            Profile = read.Choice("Appliance:Profile", ApplianceProfile.Demo),
            DataDirectory = Path.GetFullPath(data),
            SipBindAddress = read.Address("Sip:BindAddress", "0.0.0.0")!,
            SipPort = sipPort,
            SipAdvertisedAddress = read.Address("Sip:AdvertisedAddress", null),
            RtpPortMin = rtpMin,
            RtpPortMax = rtpMax,
            RtpTimeout = read.Duration("Rtp:Timeout", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1)),
            RecordingRetention = Recordings.RecordingSettings.Load(read),
            DemoRingTimeout = ringTimeout,
            DemoExtensions = read.Int("Demo:Extensions", 5, 1, 999),
            PromptDirectory = Path.GetFullPath(prompts),
            PromptLanguage = language,
            FlowDirectory = flows.Length == 0 ? "" : Path.GetFullPath(flows),
            SipTransports = SipTransportSettings.Load(read),
            CarrierTrunks = SipTrunks.CarrierTrunkSettings.Load(configuration),
            PstnCard = pstn.Card,
            PstnLineDid = pstn.LineDid,
            PstnFxoCallerId = pstn.FxoCallerId,
            PstnGroups = pstn.Groups,
            PstnRoutes = pstn.Routes,
            PstnUpstream = pstn.Upstream,
            PstnLocalFallbackDid = pstn.LocalFallbackDid,
            PstnSipTrunks = pstn.SipTrunks,
            PstnSipTrunkQualify = pstn.SipTrunkQualify,
            PstnFxoFromLineGainDb = pstn.FxoFromLineGainDb,
            PstnFxoToLineGainDb = pstn.FxoToLineGainDb,
            PstnGsm = pstn.Gsm,
            PstnSpans = pstn.Spans,
            PstnFxo = pstn.Fxo,
            PstnGatewaySipPort = pstn.GatewaySipPort,
            PstnGatewayUpstreamAnswerWait = pstn.GatewayUpstreamAnswerWait,
            PstnSmsRetry = pstn.SmsRetry,
            PstnProblems = pstn.Problems.All,
            Supervisors = read.String("Telephony:Supervisors", "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal),
            Web = Appliance.Service.Web.WebSettings.Load(read),
            Campaigns = Dialer.CampaignSettings.LoadAll(configuration),
            Callbacks = CallbackSettings.Load(configuration, read),
            External = Outbound.ExternalRouteSettings.Load(configuration),
            Voicemail = VoicemailSettings.Load(read),
            WebhookSecrets = configuration.GetSection("Ivr:WebhookSecrets").GetChildren()
                .Where(c => !string.IsNullOrEmpty(c.Value))
                .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal),
        };
    }

    /// <summary>The Pstn:* values as read, for <see cref="LoadOthers"/> to put in place.</summary>
    private sealed class PstnPart
    {
        public required string Card { get; init; }

        public required string LineDid { get; init; }

        public required string FxoCallerId { get; init; }

        public required string Groups { get; init; }

        public required string Routes { get; init; }

        public required string Upstream { get; init; }

        public required string LocalFallbackDid { get; init; }

        public required string SipTrunks { get; init; }

        public required bool SipTrunkQualify { get; init; }

        public required int FxoFromLineGainDb { get; init; }

        public required int FxoToLineGainDb { get; init; }

        public required IReadOnlyList<GsmModuleSettings> Gsm { get; init; }

        public required IReadOnlyList<SpanSettings> Spans { get; init; }

        public required IReadOnlyList<FxoLineSettings> Fxo { get; init; }

        public required int GatewaySipPort { get; init; }

        public required TimeSpan GatewayUpstreamAnswerWait { get; init; }

        public required TimeSpan SmsRetry { get; init; }

        public required ConfigurationProblems Problems { get; init; }
    }
}
