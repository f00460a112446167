using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// An INVITE flood from one host (127.0.0.2, outside the demo's loopback trunk) while a caller on
/// the trunk (127.0.0.1) makes a call: the flood must not starve the caller.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InviteFloodTests
{
    private static readonly IPAddress s_flooder = IPAddress.Parse("127.0.0.2");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerOnTheTrunkIsAnsweredWhileAnotherHostFloodsInvites()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(() => Flood(service.SipEndPoint, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var caller = await sipp.Start(
            "sip/caller-hangs-up.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "500",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        await stop.CancelAsync();
        var sent = await flood;

        Assert.True(caller.ExitCode == 0, caller.Describe());
        // 200 to the INVITE (possibly retransmitted while the flood delays the ACK) and to the BYE.
        var finals = caller.ReceivedStatusCodes.Where(code => code >= 200).ToList();
        Assert.All(finals, code => Assert.Equal(200, code));
        Assert.True(finals.Count >= 2, caller.Describe());
        // A real flood: far more INVITEs than a busy trunk carries in the call's few seconds.
        Assert.True(sent > 10_000, $"Only {sent} flood INVITEs were sent.");
        Assert.False(service.HasExited, service.Output);
    }

    /// <summary>Sends INVITEs, each a new call, as fast as the socket takes them; gives how many.</summary>
    private static int Flood(IPEndPoint target, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(s_flooder, 0));
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var answers = new byte[65_535];
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var invite = Invite(target, local, sent);
            socket.SendTo(Encoding.ASCII.GetBytes(invite), target);
            sent++;

            // The answers are read and thrown away so the flooder's own buffer never blocks it.
            while (socket.Available > 0)
            {
                socket.Receive(answers);
            }
        }

        return sent;
    }

    private static string Invite(IPEndPoint target, IPEndPoint local, int n)
    {
        var c = CultureInfo.InvariantCulture;
        string[] lines =
        [
            string.Create(c, $"INVITE sip:100@{target} SIP/2.0"),
            string.Create(c, $"Via: SIP/2.0/UDP {local};branch=z9hG4bKflood{n}"),
            "Max-Forwards: 70",
            string.Create(c, $"From: <sip:flood@{local}>;tag=f{n}"),
            string.Create(c, $"To: <sip:100@{target}>"),
            string.Create(c, $"Call-ID: flood-{n}@{local.Address}"),
            "CSeq: 1 INVITE",
            string.Create(c, $"Contact: <sip:flood@{local}>"),
            "Content-Length: 0",
            "",
            "",
        ];
        return string.Join("\r\n", lines);
    }
}
