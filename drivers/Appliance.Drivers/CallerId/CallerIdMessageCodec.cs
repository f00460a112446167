using System.Text;

namespace Appliance.Drivers.CallerId;

/// <summary>
/// The bytes of an FSK caller-ID message (ETSI EN 300 659-3, Telcordia GR-30): message type,
/// length, data, checksum. Pure functions, safe from any thread.
/// </summary>
public static class CallerIdMessageCodec
{
    public const byte SdmfType = 0x04;
    public const byte MdmfType = 0x80;

    // EN 300 659-3 §5.4 parameter types (GR-30 uses the same values for these five).
    private const byte DateTimeParameter = 0x01;
    private const byte NumberParameter = 0x02;
    private const byte NumberAbsenceParameter = 0x04;
    private const byte NameParameter = 0x07;
    private const byte NameAbsenceParameter = 0x08;

    /// <summary>
    /// The message as sent on the line, checksum included. SDMF needs a timestamp and cannot carry
    /// a name; a DTMF message has no FSK form.
    /// </summary>
    /// <exception cref="ArgumentException">The message cannot be put in its format.</exception>
    public static byte[] Encode(CallerIdMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        var body = new List<byte>();
        byte type;
        if (message.Format == CallerIdFormat.Sdmf)
        {
            if (message.Timestamp is not { } stamp || message.Name is not null)
            {
                throw new ArgumentException("SDMF carries a timestamp and a number, no name.", nameof(message));
            }

            type = SdmfType;
            body.AddRange(Latin1(FormatTimestamp(stamp)));
            body.AddRange(Latin1(message.Number ?? AbsenceLetter(message.NumberAbsence)));
        }
        else if (message.Format == CallerIdFormat.Mdmf)
        {
            type = MdmfType;
            if (message.Timestamp is { } stamp)
            {
                AddParameter(body, DateTimeParameter, FormatTimestamp(stamp));
            }

            AddItem(body, NumberParameter, NumberAbsenceParameter, message.Number, message.NumberAbsence);
            AddItem(body, NameParameter, NameAbsenceParameter, message.Name, message.NameAbsence);
        }
        else
        {
            throw new ArgumentException("A DTMF caller ID has no FSK message form.", nameof(message));
        }

        if (body.Count > byte.MaxValue)
        {
            throw new ArgumentException("The message is longer than 255 bytes.", nameof(message));
        }

        var frame = new byte[body.Count + 3];
        frame[0] = type;
        frame[1] = (byte)body.Count;
        body.CopyTo(frame, 2);
        frame[^1] = Checksum(frame.AsSpan(0, frame.Length - 1));
        return frame;
    }

    /// <summary>
    /// Reads one whole message, checksum last. Refuses, rather than half-reads, a message whose
    /// checksum, length or timestamp is wrong.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out CallerIdMessage? message, out string? error)
    {
        message = null;
        if (frame.Length < 3 || frame[1] != frame.Length - 3)
        {
            error = "length byte does not match the message";
            return false;
        }

        // EN 300 659-3 §5.3: the checksum is the two's complement of the sum modulo 256 of every
        // byte before it, so the sum of all bytes is zero.
        if (Checksum(frame[..^1]) != frame[^1])
        {
            error = "checksum mismatch";
            return false;
        }

        var body = frame[2..^1];
        error = frame[0] switch
        {
            SdmfType => DecodeSdmf(body, out message),
            MdmfType => DecodeMdmf(body, out message),
            _ => $"unknown message type 0x{frame[0]:x2}",
        };
        return error is null;
    }

    internal static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return (byte)(-sum & 0xff);
    }

    private static string? DecodeSdmf(ReadOnlySpan<byte> body, out CallerIdMessage? message)
    {
        message = null;
        if (body.Length < 8 || !TryParseTimestamp(body[..8], out var stamp))
        {
            return "SDMF timestamp is not eight digits MMDDHHMM";
        }

        var rest = Encoding.Latin1.GetString(body[8..]);
        var absence = ParseAbsence(rest);
        message = new CallerIdMessage
        {
            Format = CallerIdFormat.Sdmf,
            Timestamp = stamp,
            Number = absence == CallerIdAbsence.None && rest.Length > 0 ? rest : null,
            NumberAbsence = absence,
        };
        return null;
    }

    private static string? DecodeMdmf(ReadOnlySpan<byte> body, out CallerIdMessage? message)
    {
        message = null;
        var result = new CallerIdMessage { Format = CallerIdFormat.Mdmf };
        while (body.Length > 0)
        {
            if (body.Length < 2 || body[1] > body.Length - 2)
            {
                return "MDMF parameter runs past the end of the message";
            }

            var type = body[0];
            var value = body.Slice(2, body[1]);
            body = body[(2 + body[1])..];
            var text = Encoding.Latin1.GetString(value);
            switch (type)
            {
                case DateTimeParameter:
                    if (!TryParseTimestamp(value, out var stamp))
                    {
                        return "MDMF timestamp is not eight digits MMDDHHMM";
                    }

                    result = result with { Timestamp = stamp };
                    break;
                case NumberParameter:
                    result = result with { Number = text };
                    break;
                case NumberAbsenceParameter:
                    result = result with { NumberAbsence = ParseAbsence(text) };
                    break;
                case NameParameter:
                    result = result with { Name = text };
                    break;
                case NameAbsenceParameter:
                    result = result with { NameAbsence = ParseAbsence(text) };
                    break;
                default:
                    // EN 300 659-3 §5.4: a receiver ignores parameter types it does not know.
                    break;
            }
        }

        message = result;
        return null;
    }

    private static void AddItem(List<byte> body, byte valueType, byte absenceType, string? value,
        CallerIdAbsence absence)
    {
        if (value is not null)
        {
            AddParameter(body, valueType, value);
        }
        else if (absence != CallerIdAbsence.None)
        {
            AddParameter(body, absenceType, AbsenceLetter(absence));
        }
    }

    private static void AddParameter(List<byte> body, byte type, string value)
    {
        var bytes = Latin1(value);
        body.Add(type);
        body.Add(checked((byte)bytes.Length));
        body.AddRange(bytes);
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static string AbsenceLetter(CallerIdAbsence absence) => absence == CallerIdAbsence.Private ? "P" : "O";

    private static CallerIdAbsence ParseAbsence(string text) => text switch
    {
        "P" => CallerIdAbsence.Private,
        "O" => CallerIdAbsence.Unavailable,
        _ => CallerIdAbsence.None,
    };

    private static string FormatTimestamp(CallerIdTimestamp stamp) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{stamp.Month:D2}{stamp.Day:D2}{stamp.Hour:D2}{stamp.Minute:D2}");

    private static bool TryParseTimestamp(ReadOnlySpan<byte> digits, out CallerIdTimestamp stamp)
    {
        stamp = default;
        if (digits.Length != 8)
        {
            return false;
        }

        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 8; i++)
        {
            if (digits[i] is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            parts[i / 2] = (parts[i / 2] * 10) + (digits[i] - '0');
        }

        stamp = new CallerIdTimestamp(parts[0], parts[1], parts[2], parts[3]);
        return parts[0] is >= 1 and <= 12 && parts[1] is >= 1 and <= 31 && parts[2] < 24 && parts[3] < 60;
    }
}
