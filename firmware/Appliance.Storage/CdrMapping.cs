using System.Globalization;
using Appliance.CallCenter.Records;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>Converts between <see cref="CallRecord"/> and its stored <see cref="CdrRow"/>.</summary>
internal static class CdrMapping
{
    public const string Answered = "answered";
    public const string Abandoned = "abandoned";
    public const string NoAgent = "no-agent";
    public const string Failed = "failed";
    public const string Blind = "blind";
    public const string Attended = "attended";
    public const string SelfService = "self-service";
    public const string Voicemail = "voicemail";
    public const string Callback = "callback";

    public static CdrRow ToRow(CallRecord record) => new()
    {
        CallId = record.CallId,
        CallerNumber = record.CallerNumber,
        Did = record.Did,
        IvrChoice = record.IvrChoice,
        Queue = record.Queue,
        Agent = record.Agent,
        TransferredTo = record.TransferredTo,
        TransferredUtc = FormatTime(record.TransferredUtc),
        TransferKind = record.TransferKind switch
        {
            CallTransferKind.Blind => Blind,
            CallTransferKind.Attended => Attended,
            _ => null,
        },
        ArrivedUtc = FormatTime(record.ArrivedUtc),
        QueuedUtc = FormatTime(record.QueuedUtc),
        AnsweredUtc = FormatTime(record.AnsweredUtc),
        EndedUtc = FormatTime(record.EndedUtc),
        WaitSeconds = record.WaitSeconds,
        TalkSeconds = record.TalkSeconds,
        Disposition = record.Disposition switch
        {
            CallDisposition.Answered => Answered,
            CallDisposition.Abandoned => Abandoned,
            CallDisposition.NoAgent => NoAgent,
            CallDisposition.Failed => Failed,
            CallDisposition.SelfService => SelfService,
            CallDisposition.Voicemail => Voicemail,
            CallDisposition.Callback => Callback,
            _ => throw new ArgumentException(
                $"Call {record.CallId} has disposition {record.Disposition}, which has no stored form.",
                nameof(record)),
        },
        RecordingFile = record.RecordingFile,
        LossPercent = record.LossPercent,
        JitterMs = record.JitterMs,
        RoundTripMs = record.RoundTripMs,
        RFactor = record.RFactor,
        Mos = record.Mos,
        TrunkPort = record.TrunkPort,
        TrunkChannel = record.TrunkChannel,
        Trunk = record.Trunk,
        OutboundTrunk = record.OutboundTrunk,
        AgentPhone = record.AgentPhone,
    };

    public static CallRecord ToRecord(CdrRow row) => new()
    {
        CallId = row.CallId,
        CallerNumber = row.CallerNumber,
        Did = row.Did,
        IvrChoice = row.IvrChoice,
        Queue = row.Queue,
        Agent = row.Agent,
        TransferredTo = row.TransferredTo,
        TransferredUtc = ParseTime(row, nameof(row.TransferredUtc), row.TransferredUtc),
        TransferKind = row.TransferKind switch
        {
            null => null,
            Blind => CallTransferKind.Blind,
            Attended => CallTransferKind.Attended,
            _ => throw Error(row, nameof(row.TransferKind), $"'{row.TransferKind}' is not {Blind} or {Attended}."),
        },
        ArrivedUtc = ParseTime(row, nameof(row.ArrivedUtc), row.ArrivedUtc)
            ?? throw Error(row, nameof(row.ArrivedUtc), "it is empty."),
        QueuedUtc = ParseTime(row, nameof(row.QueuedUtc), row.QueuedUtc),
        AnsweredUtc = ParseTime(row, nameof(row.AnsweredUtc), row.AnsweredUtc),
        EndedUtc = ParseTime(row, nameof(row.EndedUtc), row.EndedUtc),
        WaitSeconds = row.WaitSeconds,
        TalkSeconds = row.TalkSeconds,
        Disposition = row.Disposition switch
        {
            Answered => CallDisposition.Answered,
            Abandoned => CallDisposition.Abandoned,
            NoAgent => CallDisposition.NoAgent,
            Failed => CallDisposition.Failed,
            SelfService => CallDisposition.SelfService,
            Voicemail => CallDisposition.Voicemail,
            Callback => CallDisposition.Callback,
            _ => throw Error(row, nameof(row.Disposition),
                $"'{row.Disposition}' is not one of {Answered}, {Abandoned}, {NoAgent}."),
        },
        RecordingFile = row.RecordingFile,
        LossPercent = row.LossPercent,
        JitterMs = row.JitterMs,
        RoundTripMs = row.RoundTripMs,
        RFactor = row.RFactor,
        Mos = row.Mos,
        TrunkPort = row.TrunkPort,
        TrunkChannel = row.TrunkChannel,
        Trunk = row.Trunk,
        OutboundTrunk = row.OutboundTrunk,
        AgentPhone = row.AgentPhone,
    };

    private static string FormatTime(DateTimeOffset time)
        => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string? FormatTime(DateTimeOffset? time) => time is { } t ? FormatTime(t) : null;

    private static DateTimeOffset? ParseTime(CdrRow row, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var time)
            ? time.ToUniversalTime()
            : throw Error(row, field, $"'{text}' is not an ISO-8601 time.");
    }

    private static InvalidDataException Error(CdrRow row, string field, string problem)
        => StoredDataError.Create("Cdr", row.Id.ToString(CultureInfo.InvariantCulture), field, problem);
}
