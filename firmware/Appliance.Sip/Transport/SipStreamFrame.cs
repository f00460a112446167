using System.Globalization;

namespace Appliance.Sip.Transport;

/// <summary>
/// Frames SIP messages on a byte stream (RFC 3261 §18.3): the head ends at the first empty line
/// and Content-Length, which a stream must carry, counts the body. A missing Content-Length is
/// taken as 0. Thread safe (no state).
/// </summary>
internal static class SipStreamFrame
{
    public static SipStreamFrameKind TryRead(ReadOnlySpan<byte> buffer, int maxMessageBytes, out int length)
    {
        length = 0;
        if (buffer.StartsWith("\r\n\r\n"u8))
        {
            length = 4;
            return SipStreamFrameKind.Ping;
        }

        if (buffer.StartsWith("\r\n"u8))
        {
            // "\r\n" alone may be the first half of a ping; wait for a third byte to tell.
            if (buffer.Length < 3 || (buffer.Length == 3 && buffer[2] == (byte)'\r'))
            {
                return SipStreamFrameKind.Incomplete;
            }

            length = 2;
            return SipStreamFrameKind.Pong;
        }

        var headEnd = buffer.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return buffer.Length > maxMessageBytes ? SipStreamFrameKind.Broken : SipStreamFrameKind.Incomplete;
        }

        if (!TryReadContentLength(buffer[..headEnd], out var bodyLength))
        {
            return SipStreamFrameKind.Broken;
        }

        var total = (long)headEnd + 4 + bodyLength;
        if (total > maxMessageBytes)
        {
            return SipStreamFrameKind.Broken;
        }

        if (buffer.Length < total)
        {
            return SipStreamFrameKind.Incomplete;
        }

        length = (int)total;
        return SipStreamFrameKind.Message;
    }

    /// <summary>The value of Content-Length or its compact form l (RFC 3261 §20.14).</summary>
    private static bool TryReadContentLength(ReadOnlySpan<byte> head, out int length)
    {
        length = 0;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!name.SequenceEqual("l"u8) && !name.SequenceEqual("L"u8)
                && !System.Text.Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out length);
        }

        return true;
    }
}
