using System.Net;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Queues;
using Appliance.Storage;
using Appliance.Telephony.DialPlan;

namespace Appliance.Service.Hosting;

/// <summary>
/// The call-routing configuration read from the database and checked as a whole: every DID
/// leads to a menu, flow or queue that exists, every menu option and flow queue node to a queue
/// that exists, every
/// prompt named somewhere is listed so it can be loaded before the first call.
/// </summary>
internal sealed class ConfigurationCatalogue
{
    private readonly Dictionary<string, IvrMenuDefinition> _menus;
    private readonly Dictionary<string, QueueDefinition> _queues;

    private ConfigurationCatalogue(
        Dictionary<string, IvrMenuDefinition> menus,
        Dictionary<string, QueueDefinition> queues,
        IReadOnlyList<AgentDefinition> agents,
        InboundDialPlan dialPlan,
        TrunkAcl trunks,
        IReadOnlyList<string> promptNames,
        IReadOnlyList<string> flows)
    {
        Flows = flows;
        _menus = menus;
        _queues = queues;
        Agents = agents;
        DialPlan = dialPlan;
        Trunks = trunks;
        PromptNames = promptNames;
    }

    public IReadOnlyList<QueueDefinition> Queues => [.. _queues.Values];

    public IReadOnlyList<AgentDefinition> Agents { get; }

    public InboundDialPlan DialPlan { get; }

    public TrunkAcl Trunks { get; }

    public IReadOnlyList<string> PromptNames { get; }

    /// <summary>The JSON text of every stored IVR flow; each is valid against this configuration.</summary>
    public IReadOnlyList<string> Flows { get; }

    public IvrMenuDefinition? FindMenu(string name) => _menus.GetValueOrDefault(name);

    public QueueDefinition? FindQueue(string name) => _queues.GetValueOrDefault(name);

    /// <exception cref="InvalidDataException">The stored configuration is inconsistent.</exception>
    public static ConfigurationCatalogue Load(ApplianceDatabase database)
    {
        var queues = database.Queues().ToDictionary(q => q.Name, StringComparer.Ordinal);
        var prompts = new SortedSet<string>(StringComparer.Ordinal) { "noagent", "voicemail" };
        prompts.UnionWith(Telephony.Agents.AgentFeaturePrompts.Names);
        prompts.UnionWith(Telephony.Voicemail.MailboxPrompts.All);
        foreach (var queue in queues.Values)
        {
            if (queue.HoldPrompt is not null)
            {
                prompts.Add(queue.HoldPrompt);
            }

            if (queue.AnnouncePositionEvery is not null)
            {
                prompts.UnionWith(CallCenter.Routing.WaitAnnouncement.PromptNames);
            }

            if (queue.ComfortPrompt is not null)
            {
                prompts.Add(queue.ComfortPrompt);
            }
        }

        var extensions = database.Extensions().Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
        var flows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in database.Flows())
        {
            var document = CheckFlow(row, queues, extensions);
            flows[document.Name] = row.Json;
            prompts.UnionWith(document.PromptNames());
        }

        var menus = new Dictionary<string, IvrMenuDefinition>(StringComparer.Ordinal);
        var dids = new List<KeyValuePair<string, DialPlanTarget>>();
        foreach (var row in database.Dids())
        {
            var target = row.TargetKind switch
            {
                "ivr" => new DialPlanTarget(DialPlanTargetKind.Ivr, row.TargetName),
                "queue" => new DialPlanTarget(DialPlanTargetKind.Queue, row.TargetName),
                "flow" => new DialPlanTarget(DialPlanTargetKind.Flow, row.TargetName),
                _ => throw new InvalidDataException(
                    $"Table Did, row '{row.Number}', field TargetKind: "
                    + $"'{row.TargetKind}' is not ivr, flow or queue"),
            };

            if (target.Kind == DialPlanTargetKind.Ivr && !menus.ContainsKey(target.Name))
            {
                var menu = database.FindMenu(target.Name) ?? throw new InvalidDataException(
                    $"Table Did, row '{row.Number}', field TargetName: "
                    + $"IVR menu '{target.Name}' does not exist");
                CheckMenu(menu, queues);
                menus[menu.Name] = menu;
                prompts.UnionWith(menu.Prompts);
                if (menu.Greeting is not null)
                {
                    prompts.Add(menu.Greeting);
                }

                if (menu.InvalidPrompt is not null)
                {
                    prompts.Add(menu.InvalidPrompt);
                }
            }
            else if (target.Kind == DialPlanTargetKind.Flow && !flows.ContainsKey(target.Name))
            {
                throw new InvalidDataException(
                    $"Table Did, row '{row.Number}', field TargetName: IVR flow '{target.Name}' does not exist");
            }
            else if (target.Kind == DialPlanTargetKind.Queue && !queues.ContainsKey(target.Name))
            {
                throw new InvalidDataException(
                    $"Table Did, row '{row.Number}', field TargetName: queue '{target.Name}' does not exist");
            }

            dids.Add(new(row.Number, target));
        }

        var trunks = new List<(string, IPAddress)>();
        foreach (var trunk in database.Trunks())
        {
            if (!IPAddress.TryParse(trunk.AllowedAddress, out var address))
            {
                throw new InvalidDataException(
                    $"Table Trunk, row '{trunk.Name}', field AllowedAddress: "
                    + $"'{trunk.AllowedAddress}' is not an IP address");
            }

            trunks.Add((trunk.Name, address));
        }

        return new ConfigurationCatalogue(
            menus,
            queues,
            database.Agents(),
            new InboundDialPlan(dids),
            new TrunkAcl(trunks),
            [.. prompts],
            [.. flows.Values]);
    }

    private static IvrFlowDocument CheckFlow(
        Storage.Rows.IvrFlowRow row,
        Dictionary<string, QueueDefinition> queues,
        HashSet<string> extensions)
    {
        var validation = IvrFlowValidator.Validate(row.Json);
        var problems = validation.Document is { } valid
            ? IvrFlowChecks.Against(valid, queues.ContainsKey, extensions.Contains, prompts: null).ToList()
            : [.. validation.Errors];
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"Table IvrFlow, row '{row.Name}', field Json: {string.Join(" ", problems)}");
        }

        if (!string.Equals(validation.Document!.Name, row.Name, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"Table IvrFlow, row '{row.Name}', field Json: "
                + $"the document is named '{validation.Document.Name}'");
        }

        return validation.Document;
    }

    private static void CheckMenu(IvrMenuDefinition menu, Dictionary<string, QueueDefinition> queues)
    {
        foreach (var (digit, queue) in menu.Options)
        {
            if (!queues.ContainsKey(queue))
            {
                throw new InvalidDataException(
                    $"Table IvrMenu, row '{menu.Name}', field Options: "
                    + $"digit {digit} leads to unknown queue '{queue}'");
            }
        }

        if (!queues.ContainsKey(menu.DefaultQueue))
        {
            throw new InvalidDataException(
                $"Table IvrMenu, row '{menu.Name}', field DefaultQueue: unknown queue '{menu.DefaultQueue}'");
        }
    }
}
