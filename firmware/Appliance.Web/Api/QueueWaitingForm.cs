using Appliance.Storage.Rows;

namespace Appliance.Web.Api;

/// <summary>
/// Reads what a waiting caller hears and may press (position announcements, the comfort prompt
/// and its interval, the callback key) from the queue form into the columns of table
/// <c>Queue</c>. A field left out of the request (null) keeps its column; mistakes are reported
/// under the form's field names.
/// </summary>
internal static class QueueWaitingForm
{
    // An interval under 10 s would talk over the hold music without pause, and over 10 minutes
    // a caller has long hung up; 0 keeps the message off.
    public const int MinIntervalSeconds = 10;
    public const int MaxIntervalSeconds = 600;

    /// <summary>The keys a caller's phone sends in-band or as RFC 4733 events, one per press.</summary>
    public const string DtmfKeys = "0123456789*#";

    /// <summary>
    /// Sets the waiting columns of <paramref name="row"/> from the form. <paramref name="prompts"/>
    /// are the names of the prompts the box can play (the files the prompts page lists).
    /// </summary>
    public static void Apply(FieldErrors errors, QueueRequest form, QueueRow row, IReadOnlySet<string> prompts)
    {
        row.AnnounceEverySeconds = Interval(errors, "announceEverySeconds", form.AnnounceEverySeconds,
            row.AnnounceEverySeconds);
        row.ComfortEverySeconds = Interval(errors, "comfortEverySeconds", form.ComfortEverySeconds,
            row.ComfortEverySeconds);
        if (form.ComfortPrompt is not null)
        {
            row.ComfortPrompt = Prompt(errors, "comfortPrompt", form.ComfortPrompt.Trim(), prompts);
        }

        // The ACD plays the comfort prompt only with both set; one without the other is a
        // half-made change the admin would not hear.
        if (!string.IsNullOrEmpty(row.ComfortPrompt) && row.ComfortEverySeconds == 0
            && !errors.Has("comfortEverySeconds"))
        {
            errors.Add("comfortEverySeconds", "a comfort prompt is set; choose how often it plays");
        }
        else if (string.IsNullOrEmpty(row.ComfortPrompt) && row.ComfortEverySeconds > 0
            && !errors.Has("comfortPrompt"))
        {
            errors.Add("comfortPrompt", "is required: an interval is set; name the prompt it plays");
        }

        if (form.CallbackKey is not null)
        {
            var key = form.CallbackKey.Trim();
            // The queue listens for no other key while a caller waits, so any one key will do.
            if (key.Length > 1 || (key.Length == 1 && !DtmfKeys.Contains(key[0], StringComparison.Ordinal)))
            {
                errors.Add("callbackKey", $"'{key}' is not one key 0-9, * or #");
            }
            else
            {
                row.CallbackKey = key.Length == 0 ? null : key;
            }
        }
    }

    /// <summary>One line for the audit log of what a waiting caller hears and may press.</summary>
    public static string Describe(QueueRow row) =>
        $"announce every {Off(row.AnnounceEverySeconds)}, comfort "
        + (string.IsNullOrEmpty(row.ComfortPrompt)
            ? "none"
            : $"{row.ComfortPrompt} every {Off(row.ComfortEverySeconds)}")
        + $", callback key {(string.IsNullOrEmpty(row.CallbackKey) ? "none" : row.CallbackKey)}";

    private static string Off(int seconds) => seconds > 0 ? $"{seconds} s" : "off";

    private static int Interval(FieldErrors errors, string field, string? text, int stored)
    {
        if (text is null)
        {
            return stored;
        }

        // One message for every refusal, so the admin reads that 0 is allowed and 1-9 is not.
        var parsed = new FieldErrors();
        var seconds = Validators.WholeNumber(parsed, field, text, 0, 0, MaxIntervalSeconds);
        if (parsed.Any || seconds is > 0 and < MinIntervalSeconds)
        {
            errors.Add(field, $"'{text.Trim()}' is not 0 (off) or a whole number from {MinIntervalSeconds} "
                + $"to {MaxIntervalSeconds}");
            return stored;
        }

        return seconds;
    }

    private static string? Prompt(FieldErrors errors, string field, string name, IReadOnlySet<string> prompts)
    {
        if (name.Length == 0)
        {
            return null;
        }

        Validators.Name(errors, field, name);
        if (!errors.Has(field) && !prompts.Contains(name))
        {
            errors.Add(field, $"prompt '{name}' does not exist: upload {name}.wav on the prompts page");
        }

        return name;
    }
}
