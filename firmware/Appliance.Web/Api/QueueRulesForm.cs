using Appliance.Storage.Rows;

namespace Appliance.Web.Api;

/// <summary>
/// Reads the rule fields of the queue form (skill requirement and its widening, overflow by wait
/// or length, maximum wait, join and leave rules) into the columns of table <c>Queue</c>, checking
/// each the way the ACD will use it so that the page, not the routing reload, names the field.
/// </summary>
internal static class QueueRulesForm
{
    // Bounds an admin can mean: a wait or widening step longer than an hour, or a maximum wait
    // longer than two, is a typing mistake on a call center's queue rather than a plan.
    private const int MaxStepSeconds = 3600;
    private const int MaxWaitLimitSeconds = 7200;
    private const int MaxWaitingCalls = 500;

    /// <summary>The join and leave rules as table <c>Queue</c> stores them.</summary>
    public static readonly string[] EmptyConditions = ["never", "none-logged-in", "none-ready"];

    /// <summary>
    /// Sets the rule columns of <paramref name="row"/> from the form; a field that is null keeps
    /// the column as it is. Mistakes go to <paramref name="errors"/> under the form's field names.
    /// <paramref name="queues"/> are the queues that exist, this one included; the
    /// <paramref name="extensions"/> are also the voicemail boxes.
    /// </summary>
    public static void Apply(
        FieldErrors errors,
        QueueRequest form,
        QueueRow row,
        IReadOnlySet<string> queues,
        IReadOnlySet<string> extensions)
    {
        if (form.RequiredSkill is not null)
        {
            var skill = form.RequiredSkill.Trim();
            if (skill.Length > 0)
            {
                Validators.Skill(errors, "requiredSkill", skill);
            }

            row.RequiredSkill = skill.Length == 0 ? null : skill;
        }

        row.RequiredLevel = Number(errors, "requiredLevel", form.RequiredLevel, row.RequiredLevel, 1, 1, 10);
        row.WidenLevelEverySeconds = Number(
            errors, "widenLevelEverySeconds", form.WidenLevelEverySeconds, row.WidenLevelEverySeconds,
            0, 0, MaxStepSeconds);
        row.OverflowAfterSeconds = Number(
            errors, "overflowAfterSeconds", form.OverflowAfterSeconds, row.OverflowAfterSeconds, 0, 0, MaxStepSeconds);
        row.OverflowWhenWaiting = Number(
            errors, "overflowWhenWaiting", form.OverflowWhenWaiting, row.OverflowWhenWaiting, 0, 0, MaxWaitingCalls);
        row.MaxWaitSeconds = Number(
            errors, "maxWaitSeconds", form.MaxWaitSeconds, row.MaxWaitSeconds, 0, 0, MaxWaitLimitSeconds);
        if (form.OverflowTo is not null)
        {
            row.OverflowTo = Exit(errors, "overflowTo", "overflowTarget", form.OverflowTo, form.OverflowTarget,
                row.Name, queues, extensions, nowhere: "");
        }

        if (form.MaxWaitExit is not null)
        {
            row.MaxWaitExit = Exit(errors, "maxWaitExit", "maxWaitTarget", form.MaxWaitExit, form.MaxWaitTarget,
                row.Name, queues, extensions, nowhere: "hangup");
        }

        if ((row.OverflowAfterSeconds > 0 || row.OverflowWhenWaiting > 0) && string.IsNullOrEmpty(row.OverflowTo)
            && !errors.Has("overflowTo") && !errors.Has("overflowTarget"))
        {
            errors.Add("overflowTo", "an overflow rule is set; choose where overflowing calls go");
        }

        row.RefuseWhen = Condition(errors, "refuseWhen", form.RefuseWhen, row.RefuseWhen);
        row.LeaveWhen = Condition(errors, "leaveWhen", form.LeaveWhen, row.LeaveWhen);
    }

    /// <summary>One line for the audit log of what the rules are now.</summary>
    public static string Describe(QueueRow row) =>
        $"skill {(row.RequiredSkill is null ? "none" : $"{row.RequiredSkill} level {Math.Max(1, row.RequiredLevel)}")}"
        + $" widening every {row.WidenLevelEverySeconds} s, overflow after {row.OverflowAfterSeconds} s"
        + $" or at {row.OverflowWhenWaiting} waiting"
        + $" to {(string.IsNullOrEmpty(row.OverflowTo) ? "nowhere" : row.OverflowTo)},"
        + $" maximum wait {row.MaxWaitSeconds} s then {row.MaxWaitExit ?? "hangup"},"
        + $" join {row.RefuseWhen ?? "none-logged-in"}, leave {row.LeaveWhen ?? "none-logged-in"}";

    private static int Number(
        FieldErrors errors,
        string field,
        string? text,
        int stored,
        int fallback,
        int min,
        int max) =>
        text is null ? stored : Validators.WholeNumber(errors, field, text, fallback, min, max);

    // Table Queue writes an exit as kind:target (see QueueRow.OverflowTo); null is "nowhere".
    private static string? Exit(
        FieldErrors errors,
        string kindField,
        string targetField,
        string kindText,
        string? targetText,
        string queue,
        IReadOnlySet<string> queues,
        IReadOnlySet<string> extensions,
        string nowhere)
    {
        var kind = kindText.Trim();
        var target = targetText?.Trim() ?? string.Empty;
        if (kind.Length == 0 || kind == nowhere)
        {
            return null;
        }

        if (kind is "callback" or "hangup")
        {
            return kind;
        }

        if (kind is not ("queue" or "external" or "voicemail"))
        {
            errors.Add(kindField, $"'{kind}' is not one of {(nowhere.Length == 0 ? "" : nowhere + ", ")}"
                + "queue, external, voicemail or callback");
            return null;
        }

        if (target.Length == 0)
        {
            var what = kind switch { "external" => "number", "queue" => "queue", _ => "mailbox" };
            errors.Add(targetField, $"is required: the {what}");
            return null;
        }

        switch (kind)
        {
            case "queue" when target == queue:
                errors.Add(targetField, $"queue '{target}' cannot send calls to itself");
                break;
            case "queue" when !queues.Contains(target):
                errors.Add(targetField, $"queue '{target}' does not exist");
                break;
            case "external":
                Validators.Did(errors, targetField, target);
                break;
            case "voicemail" when !extensions.Contains(target):
                errors.Add(targetField, $"mailbox '{target}' is no extension of the box");
                break;
        }

        return $"{kind}:{target}";
    }

    private static string? Condition(FieldErrors errors, string field, string? text, string? stored)
    {
        if (text is null)
        {
            return stored;
        }

        var value = text.Trim();
        if (value.Length > 0 && !EmptyConditions.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(field, $"'{value}' is not one of {string.Join(", ", EmptyConditions)}");
            return stored;
        }

        return value.Length == 0 ? null : value;
    }
}
