using Appliance.Service.Configuration;
using Appliance.Service.Hosting;
using Appliance.Storage.Web;
using Appliance.Web.Hosting;
using Appliance.Web.Panel;
using Appliance.Web.Updates;
using Serilog;

namespace Appliance.Service.Web;

/// <summary>Starts the web server over the running box, turning a port that cannot be bound
/// into a <see cref="ConfigurationException"/> naming its key.</summary>
internal static class WebStartup
{
    /// <returns>The started server, or null when both listeners are off.</returns>
    /// <exception cref="ConfigurationException">A web port cannot be bound, or the certificate
    /// cannot be written into the data folder.</exception>
    /// <exception cref="OperationCanceledException">A stop was requested while starting.</exception>
    public static async Task<WebServer?> StartAsync(
        ApplianceSettings settings,
        ApplianceRuntime runtime,
        ILogger log,
        IFrontPanelView? panel = null,
        IFirmwareUpdates? firmware = null,
        Appliance.Web.Network.INetworkSetup? network = null,
        CancellationToken cancellationToken = default)
    {
        var web = settings.Web;
        if (web.HttpsPort == 0 && web.HttpPort == 0)
        {
            log.Information("Web server off: Web:HttpsPort and Web:HttpPort are both 0");
            return null;
        }

        if (web.HttpsPort == 0)
        {
            log.Warning("Web:HttpsPort is 0: web pages and passwords travel in clear over HTTP");
        }

        var options = new WebServerOptions
        {
            BindAddress = web.BindAddress,
            HttpsPort = web.HttpsPort,
            HttpPort = web.HttpPort,
            DataDirectory = settings.DataDirectory,
            PromptDirectory = settings.PromptDirectory,
            DemoAgents = settings.Profile == ApplianceProfile.Demo ? runtime.AgentIds : null,
            Webhooks = web.Webhooks,
        };
        var dependencies = new WebDependencies
        {
            Store = new WebStore(runtime.Database),
            Floor = new ContactCenterFloor(
                runtime.Switchboard,
                runtime.Acd,
                () => runtime.Routing.Current.Agents.Select(a => a.AgentId),
                runtime.Figures,
                runtime.Routing.FindQueue,
                runtime.Pstn is { } pstn ? pstn.Snapshot : null,
                TimeProvider.System),
            Routing = new RoutingReload(runtime.Routing),
            Recording = new CallRecordingControl(runtime.Switchboard),
            Voicemail = new VoicemailDirectory(runtime.Voicemail, runtime.MessageWaiting, settings.DataDirectory),
            Callbacks = new CallbackDesk(runtime.Database, runtime.Acd, log),
            DeskCalls = new DeskCallControl(runtime.Switchboard),
            Flows = new FlowEditor(runtime.Flows, runtime.Database),
            Calendar = new CalendarReload(runtime.Flows, runtime.Database),
            Campaigns = runtime.Campaigns.Count > 0 ? new Dialer.CampaignConsole(runtime.Campaigns) : null,
            Panel = panel,
            Network = network,
            Trunks = SipTrunks.CarrierTrunkStatusView.Over(
                runtime.Pstn is { } gateway ? new PstnTrunkStatusView(gateway.Snapshot) : null,
                runtime.CarrierTrunks,
                TimeProvider.System),
            Sms = runtime.Sms,
            Firmware = firmware,
            PstnRunning = Pstn.PstnOverrides.Running(settings),
            PromptSets = PromptSetsOf(settings),
            Time = TimeProvider.System,
            Log = log,
        };

        try
        {
            var server = await WebServer.StartAsync(options, dependencies, cancellationToken).ConfigureAwait(false);
            if (settings.Profile == ApplianceProfile.Demo)
            {
                log.Warning(
                    "Demo profile: web logins admin, supervisor and each agent's extension with password {DemoPassword} "
                    + "work from this machine (loopback) only, at {WebUrls}",
                    Appliance.Web.Security.DemoAccounts.Password,
                    server.Urls);
            }

            return server;
        }
        catch (WebPortUnavailableException ex)
        {
            throw new ConfigurationException(ex.Https ? "Web:HttpsPort" : "Web:HttpPort", ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(
                "Appliance:DataDirectory",
                $"the HTTPS certificate cannot be stored ({ex.Message})");
        }
    }

    /// <summary>
    /// The prompt languages whose folder is there beside the English prompts (the English set is
    /// checked at start, so it is always among them).
    /// </summary>
    private static Appliance.Web.Api.PromptSets PromptSetsOf(ApplianceSettings settings)
    {
        var prompts = new Appliance.Telephony.Prompts.PromptLibrary(settings.PromptDirectory);
        var languages = Appliance.CallCenter.Ivr.Flows.LanguageNode.Languages
            .Where(l => l == "en" || Directory.Exists(prompts.DirectoryOf(l)))
            .ToList();
        return new Appliance.Web.Api.PromptSets(settings.PromptLanguage, languages);
    }
}
