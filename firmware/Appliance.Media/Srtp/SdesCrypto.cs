using System.Globalization;

namespace Appliance.Media.Srtp;

/// <summary>
/// The value of one SDP <c>a=crypto</c> attribute (RFC 4568 §9.1): a tag, a crypto suite and
/// one inline master key with its salt, e.g.
/// <c>1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz</c>.
/// </summary>
/// <remarks>
/// What the box does not use is refused rather than misread: more than one key, a master key
/// identifier (MKI) and session parameters (such as KDR or UNENCRYPTED_SRTP) make
/// <see cref="TryParse"/> fail with the reason, so the offer falls back to another crypto line
/// or to plain RTP. A key lifetime is accepted and not enforced: a call never lasts 2^31
/// packets. Immutable.
/// </remarks>
public sealed record SdesCrypto
{
    private const string InlinePrefix = "inline:";

    private readonly byte[] _keyAndSalt;

    /// <summary>A crypto line with the given tag, suite and 30 bytes of key then salt.</summary>
    /// <exception cref="ArgumentException">Not 30 bytes of key material.</exception>
    public SdesCrypto(int tag, SrtpSuite suite, ReadOnlySpan<byte> keyAndSalt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        if (keyAndSalt.Length != SrtpContext.MasterKeyLength + SrtpContext.MasterSaltLength)
        {
            throw new ArgumentException("An SDES key is 16 bytes of key and 14 of salt.", nameof(keyAndSalt));
        }

        Tag = tag;
        Suite = suite;
        _keyAndSalt = keyAndSalt.ToArray();
    }

    /// <summary>The tag that ties an answer's line to the offer's (RFC 4568 §4).</summary>
    public int Tag { get; }

    public SrtpSuite Suite { get; }

    /// <summary>The master key then the master salt, 30 bytes.</summary>
    public ReadOnlySpan<byte> KeyAndSalt => _keyAndSalt;

    /// <summary>The suite's name in SDP.</summary>
    public static string SuiteName(SrtpSuite suite) => suite switch
    {
        SrtpSuite.AesCm128HmacSha1Tag80 => "AES_CM_128_HMAC_SHA1_80",
        SrtpSuite.AesCm128HmacSha1Tag32 => "AES_CM_128_HMAC_SHA1_32",
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Unknown SRTP suite."),
    };

    /// <summary>A new line with a fresh random key, for an offer or an answer.</summary>
    public static SdesCrypto CreateRandom(int tag, SrtpSuite suite) =>
        new(tag, suite, SrtpContext.NewKeyAndSalt());

    /// <summary>Reads the attribute value (what follows <c>a=crypto:</c>).</summary>
    /// <param name="value">The attribute value.</param>
    /// <param name="crypto">The line, when it can be used.</param>
    /// <param name="error">Why it cannot, for the log.</param>
    public static bool TryParse(string value, out SdesCrypto? crypto, out string? error)
    {
        crypto = null;
        var fields = (value ?? string.Empty).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            error = "a crypto line needs a tag, a suite and a key";
            return false;
        }

        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tag)
            || fields[0].Length > 9)
        {
            error = $"the tag '{fields[0]}' is not a number of up to 9 digits";
            return false;
        }

        if (!TryGetSuite(fields[1], out var suite))
        {
            error = $"the suite {fields[1]} is not supported";
            return false;
        }

        if (fields.Length > 3)
        {
            error = $"session parameters are not supported ({fields[3]})";
            return false;
        }

        if (!TryReadKey(fields[2], out var key, out error))
        {
            return false;
        }

        crypto = new SdesCrypto(tag, suite, key);
        return true;
    }

    /// <summary>A context for one direction keyed by this line.</summary>
    public SrtpContext CreateContext() =>
        new(
            Suite,
            _keyAndSalt.AsSpan(0, SrtpContext.MasterKeyLength),
            _keyAndSalt.AsSpan(SrtpContext.MasterKeyLength));

    /// <summary>The attribute value, without <c>a=crypto:</c>.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Tag} {SuiteName(Suite)} {InlinePrefix}{Convert.ToBase64String(_keyAndSalt)}");

    public bool Equals(SdesCrypto? other) =>
        other is not null
        && Tag == other.Tag
        && Suite == other.Suite
        && KeyAndSalt.SequenceEqual(other.KeyAndSalt);

    public override int GetHashCode() => HashCode.Combine(Tag, Suite);

    private static bool TryGetSuite(string name, out SrtpSuite suite)
    {
        foreach (var candidate in (SrtpSuite[])[SrtpSuite.AesCm128HmacSha1Tag80, SrtpSuite.AesCm128HmacSha1Tag32])
        {
            if (string.Equals(name, SuiteName(candidate), StringComparison.Ordinal))
            {
                suite = candidate;
                return true;
            }
        }

        suite = default;
        return false;
    }

    // RFC 4568 §6.1: "inline:" base64(key || salt) ["|" lifetime] ["|" MKI ":" length].
    private static bool TryReadKey(string field, out byte[] key, out string? error)
    {
        key = [];
        if (field.Contains(';', StringComparison.Ordinal))
        {
            error = "more than one master key is not supported";
            return false;
        }

        if (!field.StartsWith(InlinePrefix, StringComparison.Ordinal))
        {
            error = "the key method is not inline";
            return false;
        }

        var parts = field[InlinePrefix.Length..].Split('|');
        if (parts.Length > 3 || parts.Skip(1).Any(p => p.Contains(':', StringComparison.Ordinal)))
        {
            error = "a master key identifier (MKI) is not supported";
            return false;
        }

        Span<byte> decoded = stackalloc byte[64];
        if (!Convert.TryFromBase64String(parts[0], decoded, out var length)
            || length != SrtpContext.MasterKeyLength + SrtpContext.MasterSaltLength)
        {
            error = "the inline key is not 30 bytes of base64";
            return false;
        }

        key = decoded[..length].ToArray();
        error = null;
        return true;
    }
}
