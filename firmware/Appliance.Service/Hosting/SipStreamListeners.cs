using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Service.Configuration;
using Appliance.Sip.Transport;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>Opens the TCP and TLS listeners the settings ask for and attaches them to UDP.</summary>
internal static class SipStreamListeners
{
    /// <exception cref="ConfigurationException">A port cannot be bound or the certificate cannot be
    /// read; the key is named.</exception>
    public static IReadOnlyList<SipStreamTransport> Open(
        ApplianceSettings settings,
        SipUdpTransport udp,
        ILogger log)
    {
        var transports = settings.SipTransports;
        var opened = new List<SipStreamTransport>(2);
        if (transports.TcpPort != 0)
        {
            opened.Add(Bind(settings, transports.TcpPort, null, "Sip:TcpPort", log));
        }

        if (transports.WsPort != 0)
        {
            opened.Add(Bind(settings, transports.WsPort, null, "Sip:WsPort", log, webSocket: true));
        }

        if (transports.TlsPort != 0 || transports.WssPort != 0)
        {
            var certificate = LoadCertificate(settings, log);
            if (transports.TlsPort != 0)
            {
                opened.Add(Bind(settings, transports.TlsPort, certificate, "Sip:TlsPort", log));
            }

            if (transports.WssPort != 0)
            {
                opened.Add(Bind(settings, transports.WssPort, certificate, "Sip:WssPort", log, webSocket: true));
            }
        }

        foreach (var stream in opened)
        {
            udp.AddStreamTransport(stream);
            log.Information("SIP {Protocol} listening on {LocalEndPoint}", stream.Protocol, stream.LocalEndPoint);
        }

        return opened;
    }

    private static SipStreamTransport Bind(
        ApplianceSettings settings,
        int port,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate,
        string key,
        ILogger log,
        bool webSocket = false)
    {
        var endPoint = new IPEndPoint(settings.SipBindAddress, port);
        try
        {
            return new SipStreamTransport(endPoint, certificate, log, webSocket: webSocket);
        }
        catch (SocketException ex)
        {
            throw new ConfigurationException(key, $"TCP {endPoint} cannot be bound ({ex.Message})");
        }
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(
        ApplianceSettings settings,
        ILogger log)
    {
        var transports = settings.SipTransports;
        try
        {
            var certificate = SipTlsCertificate.LoadOrCreate(
                transports.TlsCertificate,
                transports.TlsPassword,
                transports.TlsKey,
                settings.DataDirectory,
                settings.SipAdvertisedAddress?.ToString() ?? Environment.MachineName);
            log.Information(
                "SIP TLS certificate {Subject}, thumbprint {Thumbprint}, valid until {NotAfter}",
                certificate.Subject,
                certificate.Thumbprint,
                certificate.NotAfter);
            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("Sip:Tls:Certificate", $"cannot be loaded ({ex.Message})");
        }
    }
}
