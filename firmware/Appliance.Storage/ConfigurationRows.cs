using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>
/// Turns stored configuration rows into the call center's definitions, checking every field;
/// a mistake throws <see cref="InvalidDataException"/> naming table, row and field.
/// </summary>
internal static class ConfigurationRows
{
    // RFC 4733 §3.2: events 0-15 are the sixteen DTMF keys.
    private const string DtmfKeys = "0123456789*#ABCD";

    public static QueueDefinition ToQueue(QueueRow row)
    {
        var strategy = row.Strategy switch
        {
            QueueRow.LongestIdleStrategy => QueueStrategy.LongestIdle,
            "round-robin" => QueueStrategy.RoundRobin,
            "fewest-calls" => QueueStrategy.FewestCalls,
            "least-talk-time" => QueueStrategy.LeastTalkTime,
            "ring-all" => QueueStrategy.RingAll,
            "random" => QueueStrategy.Random,
            "linear" => QueueStrategy.Linear,
            "skills-best-match" => QueueStrategy.SkillsBestMatch,
            _ => throw StoredDataError.Create("Queue", row.Name, nameof(row.Strategy),
                $"'{row.Strategy}' is not a known strategy (expected '{QueueRow.LongestIdleStrategy}', "
                + "'round-robin', 'fewest-calls', 'least-talk-time', 'ring-all', 'random', 'linear' "
                + "or 'skills-best-match')."),
        };
        if (row.WrapUpSeconds < 0 || row.ServiceLevelSeconds < 0)
        {
            throw StoredDataError.Create("Queue", row.Name, nameof(row.WrapUpSeconds),
                "wrap-up and service-level seconds must not be negative.");
        }

        if (row.RingTimeoutSeconds <= 0)
        {
            throw StoredDataError.Create("Queue", row.Name, nameof(row.RingTimeoutSeconds),
                $"{row.RingTimeoutSeconds} is not a positive number of seconds.");
        }

        if (row.AnnounceEverySeconds < 0 || row.ComfortEverySeconds < 0)
        {
            throw StoredDataError.Create("Queue", row.Name, nameof(row.AnnounceEverySeconds),
                "announcement and comfort intervals must not be negative.");
        }

        var recordingFormat = row.RecordingFormat?.Trim() switch
        {
            null or "" or "wav" => QueueRecordingFormat.Wav,
            "opus" => QueueRecordingFormat.Opus,
            _ => throw StoredDataError.Create("Queue", row.Name, nameof(row.RecordingFormat),
                $"'{row.RecordingFormat}' is not 'wav' or 'opus'."),
        };

        var holdPrompt = string.IsNullOrWhiteSpace(row.HoldPrompt) ? null : row.HoldPrompt.Trim();
        var comfortPrompt = string.IsNullOrWhiteSpace(row.ComfortPrompt) ? null : row.ComfortPrompt.Trim();
        var ringTimeout = TimeSpan.FromSeconds(row.RingTimeoutSeconds);
        var definition = new QueueDefinition(row.Name, strategy, ringTimeout, holdPrompt)
        {
            WrapUp = TimeSpan.FromSeconds(row.WrapUpSeconds),
            RecordingFormat = recordingFormat,
            ServiceLevelTarget = TimeSpan.FromSeconds(row.ServiceLevelSeconds > 0 ? row.ServiceLevelSeconds : 20),
            AnnouncePositionEvery = row.AnnounceEverySeconds > 0
                ? TimeSpan.FromSeconds(row.AnnounceEverySeconds)
                : null,
            ComfortPrompt = comfortPrompt,
            ComfortEvery = comfortPrompt is not null && row.ComfortEverySeconds > 0
                ? TimeSpan.FromSeconds(row.ComfortEverySeconds)
                : null,
        };
        return QueueRuleColumns.Apply(row, definition);
    }

    /// <summary>Groups memberships by agent, keeping the order in which they were stored.</summary>
    public static List<AgentDefinition> ToAgents(IEnumerable<QueueMemberRow> members, ISet<string> queues)
    {
        var byAgent = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var member in members)
        {
            var row = member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(member.AgentId))
            {
                throw StoredDataError.Create("QueueMember", row, nameof(member.AgentId), "it is empty.");
            }

            if (!queues.Contains(member.Queue))
            {
                throw StoredDataError.Create("QueueMember", row, nameof(member.Queue),
                    $"queue '{member.Queue}' is not in table Queue.");
            }

            if (!byAgent.TryGetValue(member.AgentId, out var list))
            {
                byAgent.Add(member.AgentId, list = []);
                order.Add(member.AgentId);
            }

            if (!list.Contains(member.Queue, StringComparer.Ordinal))
            {
                list.Add(member.Queue);
            }
        }

        return order.ConvertAll(agent => new AgentDefinition(agent, byAgent[agent]));
    }

    /// <summary>Gives each agent its rows of table <c>AgentSkill</c>; rows of other agents are ignored.</summary>
    public static List<AgentDefinition> WithSkills(List<AgentDefinition> agents, IEnumerable<AgentSkillRow> skills)
    {
        var byAgent = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var skill in skills)
        {
            var row = skill.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(skill.Skill))
            {
                throw StoredDataError.Create("AgentSkill", row, nameof(skill.Skill), "it is empty.");
            }

            if (skill.Level is < 1 or > 10)
            {
                throw StoredDataError.Create(
                    "AgentSkill", row, nameof(skill.Level), $"{skill.Level} is not a level 1-10.");
            }

            if (!byAgent.TryGetValue(skill.AgentId, out var levels))
            {
                byAgent.Add(skill.AgentId, levels = new(StringComparer.Ordinal));
            }

            levels[skill.Skill.Trim()] = skill.Level;
        }

        return agents.ConvertAll(
            a => byAgent.TryGetValue(a.AgentId, out var levels) ? a with { Skills = levels } : a);
    }

    public static IvrMenuDefinition ToMenu(IvrMenuRow row, ISet<string> queues)
    {
        var prompts = ParsePrompts(row);
        var options = ParseOptions(row, queues);
        if (row.DigitTimeoutSeconds <= 0)
        {
            throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.DigitTimeoutSeconds),
                $"{row.DigitTimeoutSeconds} is not a positive number of seconds.");
        }

        if (row.MaxRepeats < 0)
        {
            throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.MaxRepeats),
                $"{row.MaxRepeats} is negative.");
        }

        if (!queues.Contains(row.DefaultQueue))
        {
            throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.DefaultQueue),
                $"queue '{row.DefaultQueue}' is not in table Queue.");
        }

        var invalidPrompt = string.IsNullOrWhiteSpace(row.InvalidPrompt) ? null : row.InvalidPrompt.Trim();
        var greeting = string.IsNullOrWhiteSpace(row.Greeting) ? null : row.Greeting.Trim();
        return new IvrMenuDefinition(
            row.Name,
            prompts,
            options,
            TimeSpan.FromSeconds(row.DigitTimeoutSeconds),
            row.MaxRepeats,
            row.DefaultQueue,
            invalidPrompt,
            greeting);
    }

    private static string[] ParsePrompts(IvrMenuRow row)
    {
        var prompts = row.Prompts.Split(',', StringSplitOptions.TrimEntries);
        if (prompts.Any(string.IsNullOrEmpty))
        {
            throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.Prompts),
                $"'{row.Prompts}' is not a comma-separated list of prompt names.");
        }

        return prompts;
    }

    private static Dictionary<char, string> ParseOptions(IvrMenuRow row, ISet<string> queues)
    {
        var options = new Dictionary<char, string>();
        var pairs = row.Options.Split(
            ';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals].Trim();
            var queue = equals < 0 ? "" : pair[(equals + 1)..].Trim();
            if (key.Length != 1 || !DtmfKeys.Contains(key[0], StringComparison.Ordinal))
            {
                throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.Options),
                    $"option '{pair}' does not start with one DTMF key (0-9, *, #, A-D) and '='.");
            }

            if (!queues.Contains(queue))
            {
                throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.Options),
                    $"option '{pair}' names queue '{queue}', which is not in table Queue.");
            }

            if (!options.TryAdd(key[0], queue))
            {
                throw StoredDataError.Create("IvrMenu", row.Name, nameof(row.Options),
                    $"key '{key}' is given twice.");
            }
        }

        return options;
    }
}
