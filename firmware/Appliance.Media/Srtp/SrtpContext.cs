using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Media.Srtp;

/// <summary>
/// One direction of an SRTP session (RFC 3711): either protects what this side sends or
/// unprotects what it receives, for RTP and RTCP, with the keys of one SDES a=crypto line. The
/// session keys are derived once from the master key and salt (key derivation rate 0, no MKI).
/// </summary>
/// <remarks>
/// <para>Packets are changed in place: protecting appends the tag (and for SRTCP the E flag and
/// index), so the buffer needs <see cref="MaxOverhead"/> spare bytes after the packet.</para>
/// <para>The rollover counter follows the sequence numbers (RFC 3711 §3.3.1, Appendix A) and a
/// 128-packet replay window guards both RTP and RTCP. One stream per context: a new SSRC starts
/// its rollover counter and replay window afresh, as a phone that restarts its stream does.</para>
/// <para>Thread safety: the RTP methods may run on one thread while the RTCP methods run on
/// another (they share nothing but the master key), but neither kind on two threads at once.
/// Nothing is allocated per packet.</para>
/// </remarks>
public sealed class SrtpContext : IDisposable
{
    /// <summary>The most a protected packet grows: SRTCP's 4-byte index and 10-byte tag.</summary>
    public const int MaxOverhead = 14;

    /// <summary>Bytes of master key (AES-128).</summary>
    public const int MasterKeyLength = SrtpCipher.KeyLength;

    /// <summary>Bytes of master salt (112 bits).</summary>
    public const int MasterSaltLength = SrtpCipher.SaltLength;

    private const int RtcpTagLength = 10;
    private const int RtcpIndexLength = 4;
    private const uint RtcpEncryptedFlag = 0x8000_0000;

    private readonly SrtpCipher _rtp;
    private readonly SrtpCipher _rtcp;
    private readonly int _rtpTagLength;

    // RTP state, one thread.
    private bool _rtpStarted;
    private uint _rtpSsrc;
    private uint _rollover;
    private ushort _highestSequence;
    private SrtpReplayWindow _rtpReplay;

    // RTCP state, one thread.
    private bool _rtcpStarted;
    private uint _rtcpSsrc;
    private uint _rtcpIndex;
    private SrtpReplayWindow _rtcpReplay;

    /// <summary>Derives the session keys from a master key and salt.</summary>
    /// <exception cref="ArgumentException">The key is not 16 bytes or the salt not 14.</exception>
    public SrtpContext(SrtpSuite suite, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (masterKey.Length != MasterKeyLength || masterSalt.Length != MasterSaltLength)
        {
            throw new ArgumentException(
                $"An SRTP master key is {MasterKeyLength} bytes and its salt {MasterSaltLength}, "
                + $"not {masterKey.Length} and {masterSalt.Length}.");
        }

        Suite = suite;
        _rtpTagLength = suite == SrtpSuite.AesCm128HmacSha1Tag32 ? 4 : 10;

        // RFC 3711 §4.3.2: labels 0-2 key SRTP, 3-5 key SRTCP.
        _rtp = new SrtpCipher(masterKey, masterSalt, firstLabel: 0);
        _rtcp = new SrtpCipher(masterKey, masterSalt, firstLabel: 3);
    }

    public SrtpSuite Suite { get; }

    /// <summary>The rollover counter of the RTP stream: how often its sequence number wrapped.</summary>
    public uint RolloverCounter => _rollover;

    /// <summary>
    /// Encrypts an RTP packet in place and appends its tag.
    /// </summary>
    /// <param name="buffer">The packet at its start, with room for the tag after it.</param>
    /// <param name="length">The length of the RTP packet.</param>
    /// <returns>The length of the SRTP packet.</returns>
    /// <exception cref="ArgumentException">Not an RTP packet, or no room for the tag.</exception>
    public int ProtectRtp(Span<byte> buffer, int length)
    {
        if (!TryGetRtpHeaderLength(buffer[..length], out var headerLength))
        {
            throw new ArgumentException("Only a whole RTP version 2 packet can be protected.", nameof(buffer));
        }

        if (buffer.Length < length + _rtpTagLength)
        {
            throw new ArgumentException(
                $"SRTP needs {_rtpTagLength} bytes after the packet for its tag.",
                nameof(buffer));
        }

        var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        NoteSentSequence(ssrc, sequence);

        var index = ((ulong)_rollover << 16) | sequence;
        _rtp.Apply(ssrc, index, buffer[headerLength..length]);

        // RFC 3711 §4.2: the tag covers header, encrypted payload and the rollover counter.
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, _rollover);
        _rtp.Authenticate(buffer[..length], roc, buffer.Slice(length, _rtpTagLength));
        return length + _rtpTagLength;
    }

    /// <summary>
    /// Authenticates, checks for replay and decrypts an SRTP packet in place.
    /// </summary>
    /// <param name="packet">The SRTP packet, changed into the RTP packet when accepted.</param>
    /// <param name="rtpLength">The length of the RTP packet (without the tag).</param>
    public SrtpUnprotectResult UnprotectRtp(Span<byte> packet, out int rtpLength)
    {
        rtpLength = 0;
        if (packet.Length < _rtpTagLength
            || !TryGetRtpHeaderLength(packet[..^_rtpTagLength], out var headerLength))
        {
            return SrtpUnprotectResult.Malformed;
        }

        var length = packet.Length - _rtpTagLength;
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        if (!_rtpStarted || ssrc != _rtpSsrc)
        {
            // RFC 3711 §3.3.1: the receiver takes the first sequence number as s_l, ROC = 0.
            _rtpStarted = true;
            _rtpSsrc = ssrc;
            _rollover = 0;
            _highestSequence = sequence;
            _rtpReplay = default;
        }

        var guess = EstimateRollover(sequence);
        var index = ((ulong)guess << 16) | sequence;
        if (!_rtpReplay.IsFresh(index))
        {
            return SrtpUnprotectResult.Replayed;
        }

        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, guess);
        if (!_rtp.Verify(packet[..length], roc, packet.Slice(length, _rtpTagLength)))
        {
            return SrtpUnprotectResult.AuthenticationFailed;
        }

        _rtp.Apply(ssrc, index, packet[headerLength..length]);
        _rtpReplay.Mark(index);
        var highest = ((ulong)_rollover << 16) | _highestSequence;
        if (index > highest)
        {
            _rollover = guess;
            _highestSequence = sequence;
        }

        rtpLength = length;
        return SrtpUnprotectResult.Ok;
    }

    /// <summary>
    /// Encrypts an RTCP compound packet in place after its first eight bytes and appends the
    /// E flag with the SRTCP index and the 80-bit tag (RFC 3711 §3.4).
    /// </summary>
    /// <returns>The length of the SRTCP packet.</returns>
    /// <exception cref="ArgumentException">Shorter than an RTCP header, or no room for the
    /// trailer.</exception>
    public int ProtectRtcp(Span<byte> buffer, int length)
    {
        if (length < 8 || (buffer[0] >> 6) != 2)
        {
            throw new ArgumentException("Only a whole RTCP packet can be protected.", nameof(buffer));
        }

        if (buffer.Length < length + MaxOverhead)
        {
            throw new ArgumentException($"SRTCP needs {MaxOverhead} bytes after the packet.", nameof(buffer));
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        if (!_rtcpStarted || ssrc != _rtcpSsrc)
        {
            _rtcpStarted = true;
            _rtcpSsrc = ssrc;
            _rtcpIndex = 0;
        }

        var index = _rtcpIndex;
        _rtcpIndex = (_rtcpIndex + 1) & 0x7FFF_FFFF;
        _rtcp.Apply(ssrc, index, buffer[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], RtcpEncryptedFlag | index);
        var authenticated = length + RtcpIndexLength;
        _rtcp.Authenticate(buffer[..authenticated], [], buffer.Slice(authenticated, RtcpTagLength));
        return authenticated + RtcpTagLength;
    }

    /// <summary>
    /// Authenticates, checks for replay and decrypts an SRTCP packet in place.
    /// </summary>
    /// <param name="packet">The SRTCP packet, changed into the RTCP packet when accepted.</param>
    /// <param name="rtcpLength">The length of the RTCP compound packet.</param>
    public SrtpUnprotectResult UnprotectRtcp(Span<byte> packet, out int rtcpLength)
    {
        rtcpLength = 0;
        if (packet.Length < 8 + RtcpIndexLength + RtcpTagLength || (packet[0] >> 6) != 2)
        {
            return SrtpUnprotectResult.Malformed;
        }

        var authenticated = packet.Length - RtcpTagLength;
        var length = authenticated - RtcpIndexLength;
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[length..]);
        var index = word & 0x7FFF_FFFF;
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        if (!_rtcpStarted || ssrc != _rtcpSsrc)
        {
            _rtcpStarted = true;
            _rtcpSsrc = ssrc;
            _rtcpReplay = default;
        }

        if (!_rtcpReplay.IsFresh(index))
        {
            return SrtpUnprotectResult.Replayed;
        }

        if (!_rtcp.Verify(packet[..authenticated], [], packet.Slice(authenticated, RtcpTagLength)))
        {
            return SrtpUnprotectResult.AuthenticationFailed;
        }

        if ((word & RtcpEncryptedFlag) != 0)
        {
            _rtcp.Apply(ssrc, index, packet[8..length]);
        }

        _rtcpReplay.Mark(index);
        rtcpLength = length;
        return SrtpUnprotectResult.Ok;
    }

    /// <summary>Forgets the session keys.</summary>
    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    /// <summary>A fresh random master key and salt for an offer (RFC 4568 §6.1).</summary>
    public static byte[] NewKeyAndSalt() =>
        RandomNumberGenerator.GetBytes(MasterKeyLength + MasterSaltLength);

    // The sender counts a wrap when the sequence number goes from the top of the range back to
    // the bottom; RFC 3711 §3.3.1 lets it keep ROC itself.
    private void NoteSentSequence(uint ssrc, ushort sequence)
    {
        if (!_rtpStarted || ssrc != _rtpSsrc)
        {
            _rtpStarted = true;
            _rtpSsrc = ssrc;
            _rollover = 0;
            _highestSequence = sequence;
            return;
        }

        if (sequence < _highestSequence && _highestSequence - sequence > 0x8000)
        {
            _rollover++;
        }

        if (RtpLater(sequence, _highestSequence))
        {
            _highestSequence = sequence;
        }
    }

    // RFC 3711 Appendix A: the rollover counter the sender most likely used for this packet.
    private uint EstimateRollover(ushort sequence)
    {
        if (_highestSequence < 0x8000)
        {
            return sequence - _highestSequence > 0x8000 && _rollover > 0 ? _rollover - 1 : _rollover;
        }

        return _highestSequence - 0x8000 > sequence ? _rollover + 1 : _rollover;
    }

    private static bool RtpLater(ushort a, ushort b) => (short)(a - b) > 0;

    // RFC 3550 §5.1, §5.3.1: 12 bytes, the CSRC list, then any header extension.
    private static bool TryGetRtpHeaderLength(ReadOnlySpan<byte> packet, out int length)
    {
        length = 0;
        if (packet.Length < 12 || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var headerLength = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < headerLength + 4)
            {
                return false;
            }

            headerLength += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(headerLength + 2)..]));
        }

        if (headerLength > packet.Length)
        {
            return false;
        }

        length = headerLength;
        return true;
    }
}
