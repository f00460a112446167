using System.Net;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Routing;
using Appliance.Media.Engine;
using Appliance.Media.Rtp;
using Appliance.Service.Configuration;
using Appliance.Service.Records;
using Appliance.Service.Registration;
using Appliance.Sip.Auth;
using Appliance.Sip.Registration;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Appliance.Storage;
using Appliance.Storage.Recordings;
using Appliance.Telephony;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Prompts;
using Appliance.Telephony.Signalling;
using Appliance.Telephony.Trunks;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// Everything the running box is made of, wired in dependency order: database, prompts, media
/// clock, SIP transport and transactions, registrar, ACD, switchboard. Disposed in reverse.
/// </summary>
internal sealed class ApplianceRuntime : IAsyncDisposable
{
    private readonly SipUdpTransport _transport;

    /// <summary>What to close on the way down, last opened first.</summary>
    private readonly Stack<Func<ValueTask>> _closers;

    private ApplianceRuntime(
        SipUdpTransport transport,
        Switchboard switchboard,
        Stack<Func<ValueTask>> closers)
    {
        _transport = transport;
        Switchboard = switchboard;
        _closers = closers;
    }

    public Switchboard Switchboard { get; }

    /// <summary>What the web server needs of the running box.</summary>
    public required ApplianceDatabase Database { get; init; }

    public required AutomaticCallDistributor Acd { get; init; }

    /// <summary>
    /// The IVR flows calls run. <see cref="IvrFlowLibrary.Replace"/> checks a document against
    /// the box, stores it and gives it to the calls that start afterwards.
    /// </summary>
    public required IvrFlowLibrary Flows { get; init; }

    public required IReadOnlyList<string> AgentIds { get; init; }

    public required IReadOnlyList<string> QueueNames { get; init; }

    /// <summary>The queues' and agents' figures of the open interval, for the wallboard.</summary>
    public required Appliance.CallCenter.Figures.CallCenterFigures Figures { get; init; }

    /// <summary>The routing new calls follow; the web reloads it after an admin's change.</summary>
    public required LiveRouting Routing { get; init; }

    /// <summary>The address SIP puts in Contact and SDP (the "SIP advertised as" start-up line).</summary>
    public required System.Net.IPAddress SipAdvertisedAddress { get; init; }

    /// <summary>The PSTN gateway over the telephony card, or null when Pstn:Card is not set.</summary>
    public PstnGateway? Pstn { get; init; }

    /// <summary>The carrier trunks of Sip:Trunks, in configuration order.</summary>
    public IReadOnlyList<Appliance.Sip.Trunks.CarrierTrunk> CarrierTrunks { get; init; } = [];

    /// <summary>Text messages through the GSM modules, or null when Pstn:Gsm names none.</summary>
    public Appliance.Service.Sms.SmsStoreAndForward? Sms { get; init; }

    /// <summary>The outbound campaigns the box runs, in configuration order.</summary>
    public IReadOnlyList<Appliance.Telephony.Campaigns.CampaignDialer> Campaigns { get; init; } = [];

    /// <summary>The mailboxes, for the web's listing.</summary>
    public required Appliance.Telephony.Voicemail.IVoicemailBox Voicemail { get; init; }

    /// <summary>The mailboxes' lamps, turned by the web's changes too.</summary>
    public required Appliance.Telephony.Voicemail.MessageWaitingNotifier MessageWaiting { get; init; }

    public IPEndPoint SipEndPoint => _transport.LocalEndPoint;

    /// <param name="settings">The settings.</param>
    /// <param name="pstn">The card and trunk plan checked before the box is made; null for none.</param>
    /// <param name="time">The clock.</param>
    /// <param name="log">The log.</param>
    public static ApplianceRuntime Start(ApplianceSettings settings, PstnPlan? pstn, TimeProvider time, ILogger log)
    {
        var closers = new Stack<Func<ValueTask>>();
        var database = OpenDatabase(settings, log);
        closers.Push(() => Close(database));
        var spool = new CallRecordSpool(Path.Combine(settings.DataDirectory, "cdr-spool.jsonl"));
        spool.Replay(database, log);
        if (settings.Profile == ApplianceProfile.Demo)
        {
            DemoSeed.Apply(database, settings.DemoRingTimeout, settings.DemoExtensions);
            var extensions = database.Extensions();
            if (extensions.Count > 0)
            {
                log.Warning(
                    "Demo profile: extensions {FirstExtension}-{LastExtension} accept the demo SIP "
                    + "passwords sparkle-<extension>; never expose this box to an untrusted network",
                    extensions[0].Number,
                    extensions[^1].Number);
            }
        }

        IvrFlowSetup.Import(settings.FlowDirectory, database, time, log);
        var catalogue = ConfigurationCatalogue.Load(database);
        var prompts = LoadPrompts(settings, catalogue);
        // Flows replaced later are checked against the live routing, which exists further down.
        LiveRouting? live = null;
        var flows = IvrFlowSetup.Open(
            catalogue,
            queue => (live?.FindQueue(queue) ?? catalogue.FindQueue(queue)) is not null,
            settings.WebhookSecrets.ContainsKey,
            database,
            prompts,
            time,
            log);

        var clock = new MediaClock(log);
        closers.Push(clock.DisposeAsync);
        var transport = OpenTransport(settings, log);
        closers.Push(transport.DisposeAsync);
        var streams = SipStreamListeners.Open(settings, transport, log);
        foreach (var stream in streams)
        {
            closers.Push(stream.DisposeAsync);
        }

        var advertised = AdvertisedAddress.Choose(settings.SipBindAddress, settings.SipAdvertisedAddress);
        var sip = new SipTransactionLayer(transport, time, log) { AdvertisedAddress = advertised };
        // A fresh nonce key each start: nonces from before a restart are answered stale (the
        // phone simply authenticates again, nothing is counted as a failure), and a REGISTER
        // captured before the restart cannot be replayed after it, since nonce counts live in
        // memory only.
        var auth = new DigestAuthenticator("sparklecc", time)
        {
            Algorithms = settings.SipTransports.DigestAlgorithms,
        };
        var registrar = new SipRegistrar(auth, database.FindExtensionPassword, time, log);
        closers.Push(sip.DisposeAsync);
        closers.Push(() => Close(registrar));

        var acd = new AutomaticCallDistributor(time, log);
        acd.Configure(catalogue.Queues, catalogue.Agents, database.NotReadyReasons());
        closers.Push(() => Close(acd));
        AgentStateJournal.Attach(database, acd, log);
        var intervals = IntervalFigureStore.Attach(database, acd, catalogue.Queues, time, log);
        closers.Push(() =>
        {
            // The last closed intervals are written before the database closes.
            intervals.Flush();
            return Close(intervals);
        });

        // The answers of the last ten minutes: long enough to smooth one slow call, short enough
        // to follow a shift change.
        var serviceRates = new ServiceRateMeter(time, TimeSpan.FromMinutes(10));
        acd.CallStep += serviceRates.Observe;
        var routing = new LiveRouting(database, acd, catalogue, log);
        // Each webhook node applies its own timeout (2 s by default); this one only bounds a stuck one.
        var webhookHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        closers.Push(() => Close(webhookHttp));
        live = routing;
        var remoteAgents = database.Extensions()
            .Where(e => !string.IsNullOrEmpty(e.ExternalNumber))
            .ToDictionary(e => e.Number, e => e.ExternalNumber!, StringComparer.Ordinal);
        WarnUnknownExtensionLanguages(database, log);
        var voicemail = new DatabaseVoicemailBox(database, settings.DataDirectory, log);
        var messageWaiting = new Telephony.Voicemail.MessageWaitingNotifier(
            sip, registrar, voicemail, advertised, time, log)
        {
            RetryAfter = settings.Voicemail.NotifyRetry,
            MaxAttempts = settings.Voicemail.NotifyAttempts,
        };
        closers.Push(() => Close(messageWaiting));
        var services = new CallServices
        {
            Sip = sip,
            Registrar = registrar,
            RemoteAgentNumber = remoteAgents.GetValueOrDefault,
            Authenticator = auth,
            Passwords = database.FindExtensionPassword,
            Acd = acd,
            DialPlan = catalogue.DialPlan,
            Trunks = catalogue.Trunks,
            Menus = routing.FindMenu,
            Queues = routing.FindQueue,
            Flows = flows,
            RecordingPolicyOf = database.RecordingPolicyOf,
            ServiceRates = serviceRates,
            Voicemail = voicemail,
            MessageWaiting = messageWaiting,
            MailboxPinFromOwnPhone = settings.Voicemail.PinFromOwnPhone,
            Callbacks = new DatabaseCallbackStore(database),
            CallbackOptions = settings.Callbacks,
            RouteFailover = new Appliance.Telephony.Trunks.RouteFailover(settings.External.Failover, time, log),
            Prompts = prompts,
            Language = settings.PromptLanguage,
            // Read at each call, so a language set on the admin page applies to the owner's next call.
            ExtensionLanguage = number => LanguageOf(database.FindExtension(number)),
            Speech = new SpeechSynthesizer(log),
            Customers = new Appliance.Storage.Customers.CustomerDirectory(database).Profile,
            Webhooks = new Appliance.Telephony.Webhooks.FlowWebhookClient(
                webhookHttp, settings.WebhookSecrets.GetValueOrDefault),
            Clock = clock,
            RtpPorts = new MediaPortAllocator(settings.RtpPortMin, settings.RtpPortMax),
            Records = new DatabaseCallRecordSink(database, spool, log),
            RecordingIndex = new DatabaseRecordingIndex(database),
            Options = new TelephonyOptions
            {
                AdvertisedAddress = advertised,
                RtpBindAddress = settings.SipBindAddress,
                RecordingsDirectory = Path.Combine(settings.DataDirectory, "recordings"),
                DataDirectory = settings.DataDirectory,
                MediaTimeout = settings.RtpTimeout,
                Supervisors = settings.Supervisors,
            },
            Time = time,
            Log = log,
            Events = new Appliance.Telephony.Events.TelephonyEventBus(log),
        };

        var retention = new RecordingRetention(
            database, settings.DataDirectory, settings.RecordingRetention, time, log);
        if (!settings.RecordingRetention.IsOff)
        {
            retention.Start();
        }

        closers.Push(() => Close(retention));
        var forecasts = new Appliance.Storage.Forecasts.ForecastSchedule(database, time, log);
        forecasts.Start();
        closers.Push(() => Close(forecasts));
        routing.Attach(services);
        var switchboard = new Switchboard(services);
        closers.Push(() =>
        {
            switchboard.Dispose();
            return ValueTask.CompletedTask;
        });
        switchboard.Attach(catalogue.Agents.Select(a => a.AgentId));
        switchboard.RestoreCallbacks();
        routing.Attach(switchboard);
        var savedBindings = SavedBindings.Attach(registrar, database, log);
        closers.Push(savedBindings.DisposeAsync);
        transport.Start();
        foreach (var stream in streams)
        {
            stream.Start();
        }

        log.Information(
            "SIP advertised as {AdvertisedAddress}, RTP ports {RtpPortMin}-{RtpPortMax}",
            advertised,
            settings.RtpPortMin,
            settings.RtpPortMax);
        closers.Push(() => new ValueTask(switchboard.HangUpAllAsync(TimeSpan.FromSeconds(5))));
        var gateway = PstnTrunks.Start(pstn, settings, clock, services.RtpPorts, time, log, closers);
        services.ExternalRoutes = settings.External.Build(gateway?.SipEndPoint);
        var sms = PstnTrunks.StartSms(gateway, database, settings, time, log, closers);
        var campaigns = Dialer.CampaignStartup.Start(settings.Campaigns, switchboard, database, log, closers);
        var carriers = SipTrunks.CarrierTrunks.Start(settings.CarrierTrunks, sip, time, log, closers);
        return new ApplianceRuntime(transport, switchboard, closers)
        {
            SipAdvertisedAddress = advertised,
            CarrierTrunks = carriers,
            Pstn = gateway,
            Sms = sms,
            Campaigns = campaigns,
            Database = database,
            Acd = acd,
            Flows = flows,
            AgentIds = [.. catalogue.Agents.Select(a => a.AgentId)],
            QueueNames = [.. catalogue.Queues.Select(q => q.Name)],
            Routing = routing,
            Figures = intervals.Figures,
            Voicemail = voicemail,
            MessageWaiting = messageWaiting,
        };
    }

    /// <exception cref="ConfigurationException">The data folder cannot hold the database.</exception>
    private static ApplianceDatabase OpenDatabase(ApplianceSettings settings, ILogger log)
    {
        var path = Path.Combine(settings.DataDirectory, "appliance.db");
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
            return ApplianceDatabase.Open(path, log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SQLite.SQLiteException)
        {
            throw new ConfigurationException(
                "Appliance:DataDirectory",
                $"the database {path} cannot be opened for writing ({ex.Message})");
        }
    }

    /// <summary>
    /// Logs each extension whose <c>Language</c> names no prompt set (a value written into the
    /// table by hand; the admin page refuses one): that owner hears the box's language.
    /// </summary>
    private static void WarnUnknownExtensionLanguages(ApplianceDatabase database, ILogger log)
    {
        foreach (var extension in database.Extensions().Where(e => !string.IsNullOrWhiteSpace(e.Language)))
        {
            if (LanguageOf(extension) is null)
            {
                log.Warning(
                    "Table Extension, row '{Extension}', field Language: '{Language}' is not a prompt language "
                    + "({Languages}); its owner hears the box's",
                    extension.Number,
                    extension.Language,
                    string.Join(", ", LanguageNode.Languages));
            }
        }
    }

    /// <summary>The prompt set an extension's owner hears, or null for the box's.</summary>
    private static string? LanguageOf(Storage.Rows.ExtensionRow? extension) =>
        LanguageNode.IsKnown(extension?.Language) ? extension!.Language!.Trim().ToLowerInvariant() : null;

    /// <exception cref="ConfigurationException">A prompt the configuration names is missing or
    /// unplayable.</exception>
    private static PromptLibrary LoadPrompts(ApplianceSettings settings, ConfigurationCatalogue catalogue)
    {
        var prompts = new PromptLibrary(settings.PromptDirectory);
        try
        {
            prompts.Preload(catalogue.PromptNames.Concat(settings.Campaigns.Select(c => c.Campaign.Campaign.AbandonPrompt)));
            return prompts;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Prompts:Directory", ex.Message);
        }
    }

    /// <exception cref="ConfigurationException">The SIP address or port cannot be bound.</exception>
    private static SipUdpTransport OpenTransport(ApplianceSettings settings, ILogger log)
    {
        var endPoint = new IPEndPoint(settings.SipBindAddress, settings.SipPort);
        try
        {
            return new SipUdpTransport(
                endPoint,
                log,
                messagesPerSecondPerSource: settings.SipTransports.MessagesPerSecondPerSource);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            var key = ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse
                ? "Sip:Port"
                : "Sip:BindAddress";
            throw new ConfigurationException(key, $"UDP {endPoint} cannot be bound ({ex.Message})");
        }
    }

    /// <summary>
    /// Closes the box in reverse order: calls first while SIP still runs, so every phone hears a
    /// BYE and every call's record is written; the database last.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        while (_closers.TryPop(out var close))
        {
            await close().ConfigureAwait(false);
        }
    }

    private static ValueTask Close(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
