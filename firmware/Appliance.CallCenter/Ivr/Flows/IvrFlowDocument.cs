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
            switch (node)
            {
                case PlayNode play:
                    names.UnionWith(play.Prompts);
                    break;
                case MenuNode menu:
                    names.UnionWith(menu.Prompts);
                    AddIfGiven(names, menu.Greeting);
                    AddIfGiven(names, menu.InvalidPrompt);
                    break;
                case CollectNode collect:
                    names.UnionWith(collect.Prompts);
                    break;
                case HangUpNode hangUp:
                    names.UnionWith(hangUp.Prompts);
                    break;
            }
        }

        return names;
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

    private static void AddIfGiven(SortedSet<string> names, string? name)
    {
        if (name is not null)
        {
            names.Add(name);
        }
    }
}
