using Appliance.Sip.Auth;
using Appliance.Sip.Transport;

namespace Appliance.Service.Configuration;

/// <summary>
/// The SIP listeners beside UDP and the digest algorithms: <c>Sip:TcpPort</c> and
/// <c>Sip:TlsPort</c>, <c>Sip:WsPort</c> and <c>Sip:WssPort</c> (SIP over WebSocket, RFC 7118;
/// all 0 = off, the default), <c>Sip:Tls:Certificate</c> (a .pfx/.p12 or PEM
/// file; empty generates a self-signed one into the data folder on first start),
/// <c>Sip:Tls:Password</c> (of the PFX), <c>Sip:Tls:Key</c> (a PEM key file beside a PEM
/// certificate), <c>Sip:DigestAlgorithms</c> ("MD5" or "SHA-256,MD5", preferred first) and
/// <c>Sip:MessagesPerSecondPerSource</c> (the flood limit per source address, all transports).
/// </summary>
public sealed class SipTransportSettings
{
    public int TcpPort { get; init; }

    public int TlsPort { get; init; }

    public int WsPort { get; init; }

    public int WssPort { get; init; }

    public string? TlsCertificate { get; init; }

    public string? TlsPassword { get; init; }

    public string? TlsKey { get; init; }

    public IReadOnlyList<DigestAlgorithm> DigestAlgorithms { get; init; } = [DigestAlgorithm.Md5];

    /// <summary>SIP messages per second taken from one source address, all transports together.</summary>
    public int MessagesPerSecondPerSource { get; init; } =
        SipUdpTransport.DefaultMessagesPerSecondPerSource;

    /// <summary>The keys read here, for the unknown-key warning.</summary>
    internal static IEnumerable<string> Keys =>
        [
            "Sip:TcpPort", "Sip:TlsPort", "Sip:WsPort", "Sip:WssPort", "Sip:Tls", "Sip:DigestAlgorithms",
            "Sip:MessagesPerSecondPerSource",
        ];

    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    internal static SipTransportSettings Load(ConfigurationReader read)
    {
        var tcp = read.Int("Sip:TcpPort", 0, 0, 65535);
        var tls = read.Int("Sip:TlsPort", 0, 0, 65535);
        var ws = read.Int("Sip:WsPort", 0, 0, 65535);
        var wss = read.Int("Sip:WssPort", 0, 0, 65535);
        var taken = new Dictionary<int, string> { [0] = string.Empty };
        (string Key, int Port)[] ports =
            [("Sip:TcpPort", tcp), ("Sip:TlsPort", tls), ("Sip:WsPort", ws), ("Sip:WssPort", wss)];
        foreach (var (name, port) in ports)
        {
            if (port != 0 && !taken.TryAdd(port, name))
            {
                throw new ConfigurationException(name, $"{port} is also {taken[port]}");
            }
        }

        var certificate = read.String("Sip:Tls:Certificate", string.Empty);
        if (certificate.Length > 0 && !File.Exists(certificate))
        {
            throw new ConfigurationException("Sip:Tls:Certificate", $"the file {certificate} does not exist");
        }

        var key = read.String("Sip:Tls:Key", string.Empty);
        if (key.Length > 0 && !File.Exists(key))
        {
            throw new ConfigurationException("Sip:Tls:Key", $"the file {key} does not exist");
        }

        return new SipTransportSettings
        {
            TcpPort = tcp,
            TlsPort = tls,
            WsPort = ws,
            WssPort = wss,
            TlsCertificate = certificate.Length > 0 ? Path.GetFullPath(certificate) : null,
            TlsPassword = read.String("Sip:Tls:Password", string.Empty) is { Length: > 0 } password ? password : null,
            TlsKey = key.Length > 0 ? Path.GetFullPath(key) : null,
            DigestAlgorithms = ReadAlgorithms(read.String("Sip:DigestAlgorithms", "MD5")),
            MessagesPerSecondPerSource = read.Int(
                "Sip:MessagesPerSecondPerSource",
                SipUdpTransport.DefaultMessagesPerSecondPerSource,
                10,
                1_000_000),
        };
    }

    private static DigestAlgorithm[] ReadAlgorithms(string text)
    {
        var algorithms = new List<DigestAlgorithm>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var algorithm = name.ToUpperInvariant() switch
            {
                "MD5" => DigestAlgorithm.Md5,
                "SHA-256" => DigestAlgorithm.Sha256,
                _ => throw new ConfigurationException(
                    "Sip:DigestAlgorithms", $"'{name}' is neither MD5 nor SHA-256"),
            };
            if (!algorithms.Contains(algorithm))
            {
                algorithms.Add(algorithm);
            }
        }

        return algorithms.Count > 0
            ? [.. algorithms]
            : throw new ConfigurationException("Sip:DigestAlgorithms", "names no algorithm");
    }
}
