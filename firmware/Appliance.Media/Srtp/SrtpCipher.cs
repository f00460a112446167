using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Media.Srtp;

/// <summary>
/// The session keys of one half of a cryptographic context (its SRTP or its SRTCP side): the
/// AES-CM cipher and the HMAC-SHA1 authenticator, derived from the master key (RFC 3711 §4.3).
/// </summary>
/// <remarks>Not thread-safe: one thread uses it. Nothing is allocated per packet.</remarks>
internal sealed class SrtpCipher : IDisposable
{
    public const int KeyLength = 16;
    public const int SaltLength = 14;
    public const int AuthKeyLength = 20;
    private const int BlockLength = 16;
    private const int MaxBlocks = (2048 / BlockLength) + 1;

    private readonly Aes _aes = Aes.Create();
    private readonly IncrementalHash _hmac;
    private readonly byte[] _salt = new byte[SaltLength];
    private readonly byte[] _counters = new byte[MaxBlocks * BlockLength];
    private readonly byte[] _keystream = new byte[MaxBlocks * BlockLength];
    private readonly byte[] _mac = new byte[20];

    /// <summary>Derives the session keys with labels <paramref name="firstLabel"/> (cipher key),
    /// +1 (authentication key) and +2 (salt): 0 for SRTP, 3 for SRTCP.</summary>
    public SrtpCipher(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte firstLabel)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        Span<byte> authKey = stackalloc byte[AuthKeyLength];
        using (var master = Aes.Create())
        {
            master.Key = masterKey.ToArray();
            Derive(master, masterSalt, firstLabel, key);
            Derive(master, masterSalt, (byte)(firstLabel + 1), authKey);
            Derive(master, masterSalt, (byte)(firstLabel + 2), _salt);
        }

        _aes.Key = key.ToArray();
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authKey);
    }

    /// <summary>A cipher with session keys given directly, for the RFC 3711 B.2 vectors.</summary>
    internal SrtpCipher(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> sessionSalt)
    {
        _aes.Key = sessionKey.ToArray();
        sessionSalt.CopyTo(_salt);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, new byte[AuthKeyLength]);
    }

    /// <summary>
    /// XORs the AES-CM keystream for packet <paramref name="index"/> of <paramref name="ssrc"/>
    /// into <paramref name="data"/> (encrypts and decrypts alike).
    /// </summary>
    public void Apply(uint ssrc, ulong index, Span<byte> data)
    {
        // RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16); the low 16 bits
        // count the blocks of the keystream.
        var blocks = (data.Length + BlockLength - 1) / BlockLength;
        Span<byte> iv = stackalloc byte[BlockLength];
        iv.Clear();
        _salt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (var b = 0; b < 6; b++)
        {
            iv[8 + b] ^= (byte)(index >> (40 - (8 * b)));
        }

        Keystream(iv, blocks);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= _keystream[i];
        }
    }

    /// <summary>HMAC-SHA1 of <paramref name="message"/> followed by <paramref name="suffix"/>,
    /// truncated to <paramref name="tag"/>'s length (RFC 3711 §4.2.1).</summary>
    public void Authenticate(ReadOnlySpan<byte> message, ReadOnlySpan<byte> suffix, Span<byte> tag)
    {
        _hmac.AppendData(message);
        _hmac.AppendData(suffix);
        _hmac.GetHashAndReset(_mac);
        _mac.AsSpan(0, tag.Length).CopyTo(tag);
    }

    /// <summary>True when <paramref name="tag"/> is the tag of the message, compared in
    /// constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[tag.Length];
        Authenticate(message, suffix, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    public void Dispose()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }

    // The counter-mode keystream: AES-ECB of IV, IV + 1, ... in one call.
    private void Keystream(ReadOnlySpan<byte> iv, int blocks)
    {
        if (blocks > MaxBlocks)
        {
            throw new ArgumentException($"An SRTP payload is at most {MaxBlocks * BlockLength} bytes.");
        }

        var counters = _counters.AsSpan(0, blocks * BlockLength);
        for (var b = 0; b < blocks; b++)
        {
            var block = counters.Slice(b * BlockLength, BlockLength);
            iv.CopyTo(block);
            BinaryPrimitives.WriteUInt16BigEndian(block[14..], (ushort)b);
        }

        _aes.EncryptEcb(counters, _keystream.AsSpan(0, counters.Length), PaddingMode.None);
    }

    // RFC 3711 §4.3.1 with a key derivation rate of 0: x = key_id XOR master_salt, with
    // key_id = label || r and r = 0, so only the label byte (the 7th from the end) changes.
    internal static void Derive(Aes master, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[BlockLength];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[7] ^= label;

        var blocks = (output.Length + BlockLength - 1) / BlockLength;
        Span<byte> counters = stackalloc byte[blocks * BlockLength];
        Span<byte> stream = stackalloc byte[blocks * BlockLength];
        for (var b = 0; b < blocks; b++)
        {
            iv.CopyTo(counters.Slice(b * BlockLength));
            BinaryPrimitives.WriteUInt16BigEndian(counters.Slice((b * BlockLength) + 14), (ushort)b);
        }

        master.EncryptEcb(counters, stream, PaddingMode.None);
        stream[..output.Length].CopyTo(output);
    }
}
