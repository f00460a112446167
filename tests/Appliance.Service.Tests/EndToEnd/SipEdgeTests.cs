using System.Net;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>What the service's SIP port does with bad input, bad credentials and calls it must refuse.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SipEdgeTests
{
    private static readonly TimeSpan s_answerWait = TimeSpan.FromSeconds(1);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task MalformedDatagramGets400AndServiceKeepsAnswering()
    {
        await using var service = await ApplianceProcess.StartAsync();
        using var socket = SipProbe.Bind();
        var port = SipProbe.LocalPort(socket);
        // Every header a 400 needs (RFC 3261 §8.2.6) is readable; Content-Length is not a number.
        var addressable = Encoding.ASCII.GetBytes(
            "INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-e2e-malformed-1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + $"From: <sip:5551234@127.0.0.1:{port}>;tag=e2e-malformed\r\n"
            + "To: <sip:100@127.0.0.1>\r\n"
            + "Call-ID: e2e-malformed-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Length: twelve\r\n\r\n");
        byte[][] unaddressable =
        [
            [0x16, 0x03, 0x01, 0x00, 0xFF, 0x00, 0x42, 0x13, 0x37],
            Encoding.ASCII.GetBytes("INVITE\r\n\r\n"),
            Encoding.ASCII.GetBytes("SIP/2.0 abc Broken\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n\r\n"),
            [],
        ];

        var badRequestAnswer = await SipProbe.ExchangeAsync(socket, addressable, service.SipEndPoint, s_answerWait);
        var garbageAnswers = new List<string?>();
        foreach (var datagram in unaddressable)
        {
            garbageAnswers.Add(await SipProbe.ExchangeAsync(socket, datagram, service.SipEndPoint, s_answerWait));
        }

        var options = Encoding.ASCII.GetBytes(SipProbe.Options(socket, service.SipEndPoint));
        var optionsAfterwards = await SipProbe.ExchangeAsync(socket, options, service.SipEndPoint, s_answerWait);

        Assert.NotNull(badRequestAnswer);
        Assert.StartsWith("SIP/2.0 400 ", badRequestAnswer, StringComparison.Ordinal);
        Assert.Equal("e2e-malformed-1", SippResult.Header(badRequestAnswer, "Call-ID"));
        Assert.Equal("1 INVITE", SippResult.Header(badRequestAnswer, "CSeq"));
        Assert.Contains(
            "branch=z9hG4bK-e2e-malformed-1", SippResult.Header(badRequestAnswer, "Via"), StringComparison.Ordinal);
        Assert.All(garbageAnswers, Assert.Null);
        Assert.NotNull(optionsAfterwards);
        Assert.StartsWith("SIP/2.0 200 ", optionsAfterwards, StringComparison.Ordinal);
        Assert.False(service.HasExited, service.Output);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RegisterWithWrongPasswordAndUnknownUserLookAlike()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);

        var wrongPassword = await Register(sipp, service, "agent-register-rejected.xml", "1001", "not-the-password");
        var unknownUser = await Register(sipp, service, "agent-register-rejected.xml", "9999", "sparkle-9999");
        var rightPassword = await Register(sipp, service, "agent-register.xml", "1002", "sparkle-1002");

        Assert.True(wrongPassword.ExitCode == 0, wrongPassword.Describe() + "\nService:\n" + service.Output);
        Assert.True(unknownUser.ExitCode == 0, unknownUser.Describe() + "\nService:\n" + service.Output);
        Assert.True(rightPassword.ExitCode == 0, rightPassword.Describe() + "\nService:\n" + service.Output);
        Assert.Equal([401, 401], wrongPassword.StatusCodesOncePerRequest);
        Assert.Equal([401, 401], unknownUser.StatusCodesOncePerRequest);
        var wrong = wrongPassword.Received[^1];
        var unknown = unknownUser.Received[^1];
        Assert.Equal(SippResult.FirstLine(wrong), SippResult.FirstLine(unknown));
        Assert.Equal(SippResult.HeaderNames(wrong), SippResult.HeaderNames(unknown));
        var wrongChallenge = SippResult.Header(wrong, "WWW-Authenticate");
        var unknownChallenge = SippResult.Header(unknown, "WWW-Authenticate");
        Assert.NotNull(wrongChallenge);
        Assert.NotNull(unknownChallenge);
        Assert.Equal(ChallengeShape(wrongChallenge), ChallengeShape(unknownChallenge));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task UnknownDidIsRefusedWith404()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);

        var caller = await CallRefused(sipp, service, IPAddress.Loopback, "999");

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        // One final response only: the ACK matched the INVITE transaction and stopped Timer G.
        Assert.Equal([404], caller.ReceivedStatusCodes.Where(code => code >= 200));
    }

    /// <remarks>127.0.0.2 is on lo as well (Linux routes all of 127/8 there) but is not the
    /// address of the demo's loopback trunk, so it plays a host on the network.</remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task InviteFromOutsideTheTrunkIsRefusedAndLoggedOnceAMinute()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);

        var caller = await CallRefused(sipp, service, IPAddress.Parse("127.0.0.2"), "100", calls: 3);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Equal([403, 403, 403], caller.ReceivedStatusCodes.Where(code => code >= 200));
        var lines = service.Output.Split('\n').Count(line => line.Contains("refused: not a trunk", StringComparison.Ordinal));
        Assert.True(lines == 1, "Refusals logged one by one:\n" + service.Output);
    }

    private static Task<SippResult> CallRefused(
        SippRunner sipp,
        ApplianceProcess service,
        IPAddress from,
        string did,
        int calls = 1) =>
        sipp.Start(
            "caller-refused.xml",
            from,
            FreePorts.Sip(),
            TimeSpan.FromSeconds(10),
            service.SipTarget,
            "-s", did,
            "-mp", FreePorts.Media().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture)).WaitAsync();

    private static Task<SippResult> Register(
        SippRunner sipp,
        ApplianceProcess service,
        string scenario,
        string user,
        string password) =>
        sipp.Start(
            scenario,
            FreePorts.Sip(),
            TimeSpan.FromSeconds(10),
            service.SipTarget,
            "-s", user,
            "-au", user,
            "-ap", password,
            "-key", "contact_port", FreePorts.Sip().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

    // The parameter names in order, and every value except the nonce (which is fresh each time).
    private static string ChallengeShape(string challenge) =>
        string.Join(',', challenge.Split(',').Select(p => p.Trim())
            .Select(p => p.StartsWith("nonce=", StringComparison.Ordinal)
                ? p[..(p.IndexOf('=', StringComparison.Ordinal) + 1)]
                : p));
}
