using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Reads an IVR flow from its JSON document and checks it: every problem names the node and the
/// field (an unknown node type, a missing or malformed field, a branch to a node that does not
/// exist, a menu without choices), and nodes no path from the start reaches are warnings.
/// Malformed JSON is one error, never an exception. The format is described in docs/acd.md.
/// </summary>
public static partial class IvrFlowValidator
{
    /// <summary>The highest priority a queue node gives a call.</summary>
    public const int MaxPriority = 1000;

    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly string[] s_conditionFields = ["weekdays", "from", "to", "holiday", "schedule", "variable"];

    private static readonly Dictionary<string, DayOfWeek> s_days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    public static IvrFlowValidation Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return Refused(new FlowProblem(
                FlowProblemSeverity.Error, null, "$", $"not valid JSON: {ex.Message}"));
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused(new FlowProblem(
                    FlowProblemSeverity.Error, null, "$", "the document must be an object."));
            }

            var reader = new Reader(null, root);
            var name = reader.String("name") ?? string.Empty;
            var version = reader.Int("version", 1, 1, int.MaxValue);
            var start = reader.String("start");
            var holidays = ReadHolidays(reader);
            // Ids of nodes refused for their own errors still count as existing, so one bad node
            // is reported once and not again by every branch that leads to it.
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var nodes = ReadNodes(reader, declared);
            var problems = reader.Problems;
            if (start is not null && declared.Count > 0 && !declared.Contains(start))
            {
                problems.Add(new(FlowProblemSeverity.Error, null, "start", $"no node has id '{start}'."));
            }

            CheckBranches(nodes, declared, problems);
            if (start is not null && nodes.ContainsKey(start))
            {
                WarnUnreachable(start, nodes, problems);
            }

            if (problems.Any(p => p.Severity == FlowProblemSeverity.Error))
            {
                return new IvrFlowValidation(null, problems);
            }

            return new IvrFlowValidation(new IvrFlowDocument(name, version, start!, nodes, holidays), problems);
        }
    }

    private static IvrFlowValidation Refused(FlowProblem problem) => new(null, [problem]);

    private static HashSet<DateOnly> ReadHolidays(Reader reader)
    {
        var holidays = new HashSet<DateOnly>();
        foreach (var text in reader.Strings("holidays", required: false))
        {
            if (DateOnly.TryParseExact(
                text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                reader.Problem("holidays", $"'{text}' is not a date like 2026-12-25.");
            }
        }

        return holidays;
    }

    private static Dictionary<string, FlowNode> ReadNodes(Reader document, HashSet<string> declared)
    {
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        if (!document.Element.TryGetProperty("nodes", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            document.Problem("nodes", "an array of nodes is required.");
            return nodes;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var fallbackId = $"#{index++}";
            if (element.ValueKind != JsonValueKind.Object)
            {
                document.Problems.Add(
                    new(FlowProblemSeverity.Error, fallbackId, "$", "a node must be an object."));
                continue;
            }

            var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()!
                : null;
            var reader = new Reader(id ?? fallbackId, element, document.Problems);
            if (string.IsNullOrWhiteSpace(id))
            {
                reader.Problem("id", "every node needs a text id.");
                continue;
            }

            var duplicate = !declared.Add(id);
            var node = ReadNode(reader, id);
            if (duplicate)
            {
                reader.Problem("id", "another node has the same id.");
                continue;
            }

            if (node is null)
            {
                continue;
            }

            nodes.Add(id, node);
        }

        if (nodes.Count == 0 && index == 0)
        {
            document.Problem("nodes", "the flow has no nodes.");
        }

        return nodes;
    }

    private static FlowNode? ReadNode(Reader r, string id)
    {
        var type = r.String("type");
        switch (type)
        {
            case null:
                return null;
            case "play":
                return Complete(r, new PlayNode(id, r.Strings("prompts", required: true), r.Text("next")));
            case "menu":
                return Complete(r, ReadMenu(r, id));
            case "collect":
                return Complete(r, ReadCollect(r, id));
            case "condition":
                return Complete(r, ReadCondition(r, id));
            case "set":
                return Complete(r, new SetVariableNode(
                    id, r.Text("variable"), r.Text("value"), r.Text("next")));
            case "language":
                return Complete(r, ReadLanguage(r, id));
            case "queue":
                return Complete(r, ReadQueue(r, id));
            case "lookup":
                return Complete(r, new LookupNode(id, r.Text("known"), r.Text("unknown")));
            case "webhook":
                return Complete(r, ReadWebhook(r, id));
            case "transfer":
                return Complete(r, ReadTransfer(r, id));
            case "hangup":
                return Complete(r, new HangUpNode(id, r.Strings("prompts", required: false)));
            case "voicemail":
                return Complete(r, new VoicemailNode(
                    id,
                    r.Text("mailbox"),
                    r.Strings("prompts", required: false),
                    TimeSpan.FromSeconds(r.Int("maxSeconds", 120, 5, 600))));
            default:
                r.Problem(
                    "type",
                    $"unknown node type '{type}'; use play, menu, collect, condition, set, language, "
                        + "webhook, queue, transfer, voicemail or hangup.");
                return null;
        }
    }

    private static LanguageNode ReadLanguage(Reader r, string id)
    {
        var set = r.Text("set");
        if (set.Length > 0 && !LanguageNode.IsKnown(set) && LanguageNode.VariableOf(set) is null)
        {
            r.Problem(
                "set",
                $"'{set}' is not a language ({string.Join(", ", LanguageNode.Languages)}) "
                    + "or one variable like ${customer.language}.");
        }

        return new LanguageNode(id, set, r.Text("next"));
    }

    /// <summary>A node with problems is not kept, so later checks do not repeat them.</summary>
    private static FlowNode? Complete(Reader r, FlowNode node)
    {
        foreach (var prompt in IvrFlowDocument.AllPromptsOf(node))
        {
            if (SpokenPrompt.IsSpoken(prompt) && string.IsNullOrWhiteSpace(SpokenPrompt.TextOf(prompt)))
            {
                r.Problem("prompts", $"'{prompt}' has no text to speak after '{SpokenPrompt.Prefix}'.");
            }
        }

        return r.NodeHasErrors ? null : node;
    }

    /// <summary>A queue node; its priority is a number or a variable (<c>"${customer.vip}"</c>).</summary>
    private static QueueNode ReadQueue(Reader r, string id)
    {
        string? priorityVariable = null;
        var priority = 0;
        if (r.Element.TryGetProperty("priority", out var element)
            && element.ValueKind == JsonValueKind.String)
        {
            var match = PriorityReference().Match(element.GetString()!);
            if (match.Success)
            {
                priorityVariable = match.Groups[1].Value;
            }
            else
            {
                r.Problem(
                    "priority",
                    "must be a whole number from 0 to 1000 or a variable like \"${customer.vip}\".");
            }
        }
        else
        {
            priority = r.Int("priority", 0, 0, MaxPriority);
        }

        return new QueueNode(
            id,
            r.Text("queue"),
            new CallRequirements(priority, r.String("skill", required: false), r.Int("level", 1, 1, 10)),
            priorityVariable);
    }

    /// <summary>
    /// <c>extension</c> for a phone of this box; <c>number</c> (or <c>extension</c> with
    /// <c>external: true</c>) for a number reached through the outbound routes.
    /// </summary>
    private static TransferNode ReadTransfer(Reader r, string id)
    {
        var number = r.String("number", required: false);
        var external = number is not null || r.Bool("external");
        var target = number ?? r.Text("extension");
        if (number is not null && r.Element.TryGetProperty("extension", out _))
        {
            r.Problem("number", "give either number or extension, not both.");
        }

        if (external && target.Length > 0 && !IsPhoneNumber(target))
        {
            r.Problem(
                number is null ? "extension" : "number",
                $"'{target}' is not a phone number (up to 20 digits, may start with +).");
        }

        return new TransferNode(id, target, external, r.String("failed", required: false));
    }

    private static bool IsPhoneNumber(string text)
    {
        var digits = text.StartsWith('+') ? text[1..] : text;
        return digits.Length is > 0 and <= 20 && digits.All(char.IsAsciiDigit);
    }

    private static MenuNode ReadMenu(Reader r, string id)
    {
        var choices = new Dictionary<char, string>();
        if (r.Element.TryGetProperty("choices", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var choice in element.EnumerateObject())
            {
                if (choice.Name.Length != 1 || !IsDtmf(choice.Name[0]))
                {
                    r.Problem($"choices.{choice.Name}", "a choice is one digit 0-9, * or #.");
                }
                else if (choice.Value.ValueKind != JsonValueKind.String)
                {
                    r.Problem($"choices.{choice.Name}", "a choice names the id of a node.");
                }
                else
                {
                    choices[choice.Name[0]] = choice.Value.GetString()!;
                }
            }
        }

        if (choices.Count == 0)
        {
            r.Problem("choices", "a menu needs at least one choice, e.g. \"choices\": { \"1\": \"sales\" }.");
        }

        return new MenuNode(
            id,
            r.Strings("prompts", required: true),
            choices,
            r.Seconds("timeoutSeconds"),
            r.Int("retries", 2, 0, 10),
            r.String("invalidPrompt", required: false),
            r.Text("invalid"),
            r.String("timeout", required: false),
            r.String("greeting", required: false));
    }

    private static CollectNode ReadCollect(Reader r, string id)
    {
        var min = r.Int("minLength", 1, 1, 64);
        var max = r.Int("maxLength", min, 1, 64);
        if (max < min)
        {
            r.Problem("maxLength", $"{max} is below minLength {min}.");
        }

        char? terminator = null;
        var text = r.String("terminator", required: false);
        if (text is not null)
        {
            if (text.Length == 1 && text[0] is '#' or '*')
            {
                terminator = text[0];
            }
            else
            {
                r.Problem("terminator", $"'{text}' is not # or *.");
            }
        }

        return new CollectNode(
            id,
            r.Strings("prompts", required: true),
            r.Text("variable"),
            min,
            max,
            terminator,
            r.Seconds("timeoutSeconds"),
            r.Text("next"),
            r.Text("invalid"));
    }

    private static ConditionNode ReadCondition(Reader r, string id)
    {
        HashSet<DayOfWeek>? weekdays = null;
        if (r.Element.TryGetProperty("weekdays", out _))
        {
            weekdays = [];
            foreach (var day in r.Strings("weekdays", required: true))
            {
                if (s_days.TryGetValue(day, out var value))
                {
                    weekdays.Add(value);
                }
                else
                {
                    r.Problem("weekdays", $"'{day}' is not one of mon, tue, wed, thu, fri, sat, sun.");
                }
            }
        }

        var from = r.Time("from");
        var to = r.Time("to");
        if (from.HasValue != to.HasValue)
        {
            r.Problem(from.HasValue ? "to" : "from", "a time range needs both from and to.");
        }

        bool? holiday = null;
        if (r.Element.TryGetProperty("holiday", out var h))
        {
            if (h.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                holiday = h.GetBoolean();
            }
            else
            {
                r.Problem("holiday", "must be true or false.");
            }
        }

        var schedule = r.String("schedule", required: false);
        var variable = r.String("variable", required: false);
        var equals = r.String("equals", required: variable is not null);
        if (!s_conditionFields.Any(f => r.Element.TryGetProperty(f, out _)))
        {
            r.Problem("weekdays", "a condition needs weekdays, from/to, holiday, schedule or variable/equals.");
        }

        return new ConditionNode(
            id, weekdays, from, to, holiday, schedule, variable, equals, r.Text("then"), r.Text("else"));
    }

    private static void CheckBranches(
        Dictionary<string, FlowNode> nodes, HashSet<string> declared, List<FlowProblem> problems)
    {
        foreach (var node in nodes.Values)
        {
            foreach (var (field, target) in node.Branches())
            {
                if (!declared.Contains(target))
                {
                    problems.Add(new(FlowProblemSeverity.Error, node.Id, field, $"no node has id '{target}'."));
                }
            }
        }
    }

    private static void WarnUnreachable(
        string start, Dictionary<string, FlowNode> nodes, List<FlowProblem> problems)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var id))
        {
            foreach (var (_, target) in nodes[id].Branches())
            {
                if (nodes.ContainsKey(target) && reached.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        foreach (var id in nodes.Keys.Where(id => !reached.Contains(id)))
        {
            problems.Add(new(
                FlowProblemSeverity.Warning, id, "id", "no path from the start node reaches this node."));
        }
    }

    [GeneratedRegex(@"^\$\{([A-Za-z0-9_.\-]+)\}$")]
    private static partial Regex PriorityReference();

    private static bool IsDtmf(char c) => c is (>= '0' and <= '9') or '*' or '#';

    /// <summary>Reads the fields of one object, recording a problem for each bad one.</summary>
    private sealed class Reader(string? nodeId, JsonElement element, List<FlowProblem>? problems = null)
    {
        private readonly int _firstProblem = problems?.Count ?? 0;

        public JsonElement Element { get; } = element;

        public List<FlowProblem> Problems { get; } = problems ?? [];

        public bool NodeHasErrors => Problems.Count > _firstProblem;

        public void Problem(string field, string message) =>
            Problems.Add(new(FlowProblemSeverity.Error, nodeId, field, message));

        public string? String(string field, bool required = true)
        {
            if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Problem(field, "is required.");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(field, "must be a non-empty text.");
                return null;
            }

            return value.GetString();
        }

        /// <summary>A required text, or empty (with a problem recorded) when it is missing.</summary>
        public string Text(string field) => String(field) ?? string.Empty;

        public IReadOnlyList<string> Strings(string field, bool required)
        {
            if (!Element.TryGetProperty(field, out var value))
            {
                if (required)
                {
                    Problem(field, "is required (a list of texts).");
                }

                return [];
            }

            if (value.ValueKind != JsonValueKind.Array
                || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                Problem(field, "must be a list of texts.");
                return [];
            }

            return [.. value.EnumerateArray().Select(v => v.GetString()!)];
        }

        public bool Bool(string field)
        {
            if (!Element.TryGetProperty(field, out var value))
            {
                return false;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Problem(field, "must be true or false.");
                return false;
            }

            return value.GetBoolean();
        }

        public int Int(string field, int fallback, int min, int max)
        {
            if (!Element.TryGetProperty(field, out var value))
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.Number
                || !value.TryGetInt32(out var number)
                || number < min
                || number > max)
            {
                Problem(field, $"must be a whole number from {min} to {max}.");
                return fallback;
            }

            return number;
        }

        public TimeSpan Seconds(string field)
        {
            if (!Element.TryGetProperty(field, out var value))
            {
                return s_defaultTimeout;
            }

            if (value.ValueKind != JsonValueKind.Number
                || !value.TryGetDouble(out var seconds)
                || seconds <= 0
                || seconds > 600)
            {
                Problem(field, "must be a number of seconds above 0 and at most 600.");
                return s_defaultTimeout;
            }

            return TimeSpan.FromSeconds(seconds);
        }

        public TimeOnly? Time(string field)
        {
            var text = String(field, required: false);
            if (text is null)
            {
                return null;
            }

            if (!TimeOnly.TryParseExact(
                text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                Problem(field, $"'{text}' is not a time like 08:30.");
                return null;
            }

            return time;
        }
    }
}
