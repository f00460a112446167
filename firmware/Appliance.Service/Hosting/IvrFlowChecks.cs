using Appliance.CallCenter.Ivr.Flows;
using Appliance.Telephony.Prompts;

namespace Appliance.Service.Hosting;

/// <summary>
/// What the flow validator cannot know about a document: that the queues and extensions it
/// names exist on this box, that its prompts can be played and that its webhooks' secrets are set.
/// Each problem names the node.
/// </summary>
internal static class IvrFlowChecks
{
    public static IEnumerable<FlowProblem> Against(
        IvrFlowDocument document,
        Func<string, bool> queueExists,
        Func<string, bool> extensionExists,
        PromptLibrary? prompts,
        Func<string, bool>? secretExists = null)
    {
        foreach (var node in document.Nodes.Values)
        {
            if (node is WebhookNode { Auth: { } auth } webhook)
            {
                foreach (var problem in AuthProblems(webhook, auth, secretExists))
                {
                    yield return problem;
                }
            }

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

    private static IEnumerable<FlowProblem> AuthProblems(
        WebhookNode node, WebhookAuth auth, Func<string, bool>? secretExists)
    {
        if (secretExists is not null && !secretExists(auth.Secret))
        {
            yield return Error(
                node, "auth.secret", $"no secret '{auth.Secret}' is set (Ivr:WebhookSecrets:{auth.Secret}).");
        }

        if (node.Url.Scheme == Uri.UriSchemeHttp && !node.Url.IsLoopback)
        {
            yield return new(
                FlowProblemSeverity.Warning,
                node.Id,
                "auth",
                "the credentials would go over plain http; use an https address.");
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
