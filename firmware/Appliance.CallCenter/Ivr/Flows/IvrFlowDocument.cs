namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// A validated IVR flow: its nodes by id, the node a call starts at, the holidays its conditions
/// look up, and the version its author gave it (reported with each call that ran it).
/// </summary>
public sealed record IvrFlowDocument(
    string Name,
    int Version,
    string Start,
    IReadOnlyDictionary<string, FlowNode> Nodes,
    IReadOnlySet<DateOnly> Holidays)
{
    /// <summary>Every prompt a node of the document may play, once each, so a box can load them
    /// before the document takes calls.</summary>
    public IReadOnlySet<string> PromptNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes.Values)
        {
            names.UnionWith(PromptsOf(node));
        }

        return names;
    }

    /// <summary>The recorded prompts one node may play: its prompts, a menu's greeting and invalid
    /// prompt; spoken ones (<see cref="SpokenPrompt"/>) are made when played, so they are left out.</summary>
    public static IEnumerable<string> PromptsOf(FlowNode node) =>
        AllPromptsOf(node).Where(p => !SpokenPrompt.IsSpoken(p));

    /// <summary>Every prompt one node may play, spoken ones included.</summary>
    public static IEnumerable<string> AllPromptsOf(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        IReadOnlyList<string?> prompts = node switch
        {
            PlayNode play => [.. play.Prompts],
            MenuNode menu => [.. menu.Prompts, menu.Greeting, menu.InvalidPrompt],
            CollectNode collect => [.. collect.Prompts],
            HangUpNode hangUp => [.. hangUp.Prompts],
            VoicemailNode voicemail => [.. voicemail.Prompts],
            _ => [],
        };
        return prompts.OfType<string>();
    }

    /// <summary>Every queue a queue node of the document sends calls to.</summary>
    public IReadOnlySet<string> QueueNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes.Values)
        {
            if (node is QueueNode queue)
            {
                names.Add(queue.Queue);
            }
        }

        return names;
    }
}
