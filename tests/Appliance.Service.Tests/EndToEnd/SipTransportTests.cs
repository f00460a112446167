using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>The service's TCP and TLS listeners (Sip:TcpPort, Sip:TlsPort) with real peers.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SipTransportTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task SippRegistersOverTcpSipsakGetsOptionsAnsweredOverTcpAndAWebSocketClientToo()
    {
        var tcpPort = FreePorts.Sip();
        var wsPort = FreePorts.Sip();
        await using var service = await ApplianceProcess.StartAsync(
            $"--Sip:TcpPort={tcpPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Sip:WsPort={wsPort.ToString(CultureInfo.InvariantCulture)}");
        var sipp = new SippRunner(service.Root);
        var target = $"127.0.0.1:{tcpPort.ToString(CultureInfo.InvariantCulture)}";

        var register = await sipp.Start(
            "agent-register.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(15),
            target,
            "-t", "t1",
            "-s", "1001",
            "-au", "1001",
            "-ap", "sparkle-1001",
            "-key", "contact_port", FreePorts.Sip().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var (exitCode, output) = await RunAsync("sipsak", "--transport", "tcp", "-s", $"sip:100@{target}", "-vv");
        var webSocketAnswer = await WebSocketOptionsAsync(wsPort);

        Assert.True(register.ExitCode == 0, register.Describe() + "\nService:\n" + service.Output);
        Assert.Equal([401, 200], register.ReceivedStatusCodes);
        Assert.True(exitCode == 0, $"sipsak exited {exitCode}:\n{output}\nService:\n{service.Output}");
        Assert.Contains("SIP/2.0 200 OK", output, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/TCP", output, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200 ", webSocketAnswer, StringComparison.Ordinal);
        Assert.Equal("e2e-ws-1", SippResult.Header(webSocketAnswer, "Call-ID"));
    }

    private static async Task<string> WebSocketOptionsAsync(int port)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("sip");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), timeout.Token);
        var options = "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/WS h7kjh12s.invalid;branch=z9hG4bK-e2e-ws-1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:100@127.0.0.1>\r\n"
            + "From: <sip:browser@h7kjh12s.invalid>;tag=e2e-ws\r\n"
            + "Call-ID: e2e-ws-1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(options), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[8192];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TlsListenerWithGeneratedCertificateAnswersOptionsAndKeepsTheCertificate()
    {
        var tlsPort = FreePorts.Sip();
        await using var service = await ApplianceProcess.StartAsync(
            $"--Sip:TlsPort={tlsPort.ToString(CultureInfo.InvariantCulture)}");
        var certificateFile = Path.Combine(service.DataDirectory, "sip-tls.pfx");
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, tlsPort);
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && File.Exists(certificateFile));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "sparklecc",
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        });
        var options = "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\n"
            + $"Via: SIP/2.0/TLS 127.0.0.1:{local.Port};branch=z9hG4bK-e2e-tls-1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:100@127.0.0.1>\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=e2e-tls\r\n"
            + "Call-ID: e2e-tls-1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

        await tls.WriteAsync(Encoding.ASCII.GetBytes(options));
        var answer = await ReadHeadAsync(tls);

        Assert.StartsWith("SIP/2.0 200 ", answer, StringComparison.Ordinal);
        Assert.Equal("e2e-tls-1", SippResult.Header(answer, "Call-ID"));
        Assert.True(File.Exists(certificateFile), service.Output);
        Assert.True(tls.SslProtocol >= SslProtocols.Tls12);
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = new StringBuilder();
        var chunk = new byte[4096];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(chunk, timeout.Token);
            Assert.True(read > 0, "the service closed the TLS connection");
            text.Append(Encoding.UTF8.GetString(chunk, 0, read));
        }

        return text.ToString();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string binary, params string[] arguments)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = ExternalTool.Start(start, "sipsak (package sipsak)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
