using Appliance.CallCenter.Ivr.Flows;
using Appliance.Telephony.Prompts;

namespace Appliance.Service.Hosting;

/// <summary>
/// What the flow validator cannot know about a document: that the queues and extensions it
/// names exist on this box and that its prompts can be played. Each problem names the node.
/// </summary>
internal static class IvrFlowChecks
{
    public static IEnumerable<FlowProblem> Against(
        IvrFlowDocument document,
        Func<string, bool> queueExists,
        Func<string, bool> extensionExists,
        PromptLibrary? prompts)
    {
        foreach (var node in document.Nodes.Values)
        {
            switch (node)
            {
                case QueueNode queue when !queueExists(queue.Queue):
                    yield return Error(node, "queue", $"no queue '{queue.Queue}' exists on this box.");
                    break;
                case TransferNode transfer when !transfer.External && !extensionExists(transfer.Extension):
                    yield return Error(
                        node, "extension", $"no extension '{transfer.Extension}' exists on this box.");
                    break;
            }

            if (prompts is null)
            {
                continue;
            }

            foreach (var prompt in IvrFlowDocument.PromptsOf(node))
            {
                var problem = PromptProblem(prompts, prompt);
                if (problem is not null)
                {
                    yield return Error(node, "prompts", problem);
                }
            }
        }
    }

    private static string? PromptProblem(PromptLibrary prompts, string name)
    {
        try
        {
            prompts.Get(name);
            return null;
        }
        catch (FileNotFoundException)
        {
            return $"prompt '{name}' has no file {name}.wav in {prompts.Directory}.";
        }
        catch (InvalidDataException ex)
        {
            return $"prompt '{name}' cannot be played: {ex.Message}";
        }
    }

    private static FlowProblem Error(FlowNode node, string field, string message)
        => new(FlowProblemSeverity.Error, node.Id, field, message);
}
