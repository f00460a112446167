using Appliance.CallCenter.Queues;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>
/// The routing rules of a stored queue (skill, overflow, maximum wait, empty-queue rules) read
/// from their columns of table <c>Queue</c>; a value the ACD cannot use names its column.
/// </summary>
internal static class QueueRuleColumns
{
    /// <exception cref="InvalidDataException">A rule column holds a value that cannot be used.</exception>
    public static QueueDefinition Apply(QueueRow row, QueueDefinition definition)
    {
        if (row.RequiredLevel is < 0 or > 10)
        {
            throw Error(
                row, nameof(row.RequiredLevel), $"{row.RequiredLevel} is not a level 1-10 (0 reads as 1).");
        }

        foreach (var (column, value) in new[]
        {
            (nameof(row.WidenLevelEverySeconds), row.WidenLevelEverySeconds),
            (nameof(row.OverflowAfterSeconds), row.OverflowAfterSeconds),
            (nameof(row.OverflowWhenWaiting), row.OverflowWhenWaiting),
            (nameof(row.MaxWaitSeconds), row.MaxWaitSeconds),
        })
        {
            if (value < 0)
            {
                throw Error(row, column, $"{value} is negative; 0 turns the rule off.");
            }
        }

        var overflowTo = ParseExit(row, nameof(row.OverflowTo), row.OverflowTo);
        if ((row.OverflowAfterSeconds > 0 || row.OverflowWhenWaiting > 0) && overflowTo is null)
        {
            throw Error(row, nameof(row.OverflowTo), "an overflow rule is set but no place to overflow to.");
        }

        var callbackKey = row.CallbackKey?.Trim();
        if (!string.IsNullOrEmpty(callbackKey) && (callbackKey.Length != 1 || !"0123456789*#".Contains(callbackKey[0])))
        {
            throw Error(row, nameof(row.CallbackKey), $"'{row.CallbackKey}' is not one key 0-9, * or #.");
        }

        return definition with
        {
            CallbackDigit = string.IsNullOrEmpty(callbackKey) ? null : callbackKey[0],
            RequiredSkill = string.IsNullOrWhiteSpace(row.RequiredSkill) ? null : row.RequiredSkill.Trim(),
            RequiredLevel = row.RequiredLevel == 0 ? 1 : row.RequiredLevel,
            WidenLevelEvery = Seconds(row.WidenLevelEverySeconds),
            OverflowAfter = Seconds(row.OverflowAfterSeconds),
            OverflowWhenWaiting = row.OverflowWhenWaiting > 0 ? row.OverflowWhenWaiting : null,
            OverflowTo = overflowTo,
            MaxWait = Seconds(row.MaxWaitSeconds),
            MaxWaitExit = ParseExit(row, nameof(row.MaxWaitExit), row.MaxWaitExit) ?? QueueExit.HangUp,
            RefuseWhen = ParseCondition(row, nameof(row.RefuseWhen), row.RefuseWhen),
            LeaveWhen = ParseCondition(row, nameof(row.LeaveWhen), row.LeaveWhen),
        };
    }

    /// <summary>The queue an exit leads to, when it leads to one, for the check that it exists.</summary>
    public static IEnumerable<(string Column, string Queue)> ExitQueues(QueueDefinition definition)
    {
        if (definition.OverflowTo is { Kind: QueueExitKind.Queue, Target: { } overflow })
        {
            yield return (nameof(QueueRow.OverflowTo), overflow);
        }

        if (definition.MaxWaitExit is { Kind: QueueExitKind.Queue, Target: { } maxWait })
        {
            yield return (nameof(QueueRow.MaxWaitExit), maxWait);
        }
    }

    private static TimeSpan? Seconds(int seconds) => seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static QueueExit? ParseExit(QueueRow row, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? trimmed : trimmed[..colon];
        var target = colon < 0 ? null : trimmed[(colon + 1)..].Trim();
        QueueExit? exit = (kind, string.IsNullOrEmpty(target)) switch
        {
            ("queue", false) => new QueueExit(QueueExitKind.Queue, target),
            ("external", false) => new QueueExit(QueueExitKind.External, target),
            ("voicemail", false) => new QueueExit(QueueExitKind.Voicemail, target),
            ("callback", true) => new QueueExit(QueueExitKind.Callback, null),
            ("hangup", true) => QueueExit.HangUp,
            _ => null,
        };
        return exit ?? throw Error(row, column,
            $"'{text}' is not queue:NAME, external:NUMBER, voicemail:BOX, callback or hangup.");
    }

    private static EmptyQueueCondition ParseCondition(QueueRow row, string column, string? text) =>
        text?.Trim() switch
        {
            null or "" or "none-logged-in" => EmptyQueueCondition.NoneLoggedIn,
            "never" => EmptyQueueCondition.Never,
            "none-ready" => EmptyQueueCondition.NoneReady,
            _ => throw Error(row, column, $"'{text}' is not never, none-logged-in or none-ready."),
        };

    private static InvalidDataException Error(QueueRow row, string column, string message) =>
        StoredDataError.Create("Queue", row.Name, column, message);
}
