using System.Globalization;
using Appliance.Media.Codecs;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// What the end-to-end tests of calls to external numbers share: the number, an IVR flow that
/// transfers the caller to it (with a failed branch that plays prompt <c>invalid</c> and hangs
/// up), the SIPp caller of caller.xml (5551234, 440 Hz, DID 100) and the checks on what it heard.
/// </summary>
public static class ExternalCalls
{
    public const string Number = "+8613800138000";

    public const double CallerToneHz = 440;

    /// <summary>The tone of agent-answers.xml and of the answered carriers.</summary>
    public const double CarrierToneHz = 1000;

    /// <summary>Four 250 ms windows of <see cref="ToneAnalysis"/>.</summary>
    public const int OneSecondOfWindows = 4;

    /// <summary>The flow <c>main</c>: node <c>out</c> transfers to <see cref="Number"/>, its failed
    /// branch <c>sorry</c> plays <c>invalid</c> and hangs up.</summary>
    public const string TransferFlow = $$"""
        { "name": "main", "version": 2, "start": "out",
          "nodes": [
            { "id": "out", "type": "transfer", "number": "{{Number}}", "failed": "sorry" },
            { "id": "sorry", "type": "hangup", "prompts": ["invalid"] } ] }
        """;

    /// <summary>
    /// Starts the caller on DID 100: caller.xml hanging up after <paramref name="talkMs"/>, or,
    /// without <paramref name="bye"/>, caller-until-bye.xml staying until the service hangs up.
    /// </summary>
    public static SippPeer StartCaller(
        SippRunner sipp,
        ApplianceProcess service,
        string callId,
        int mediaPort,
        int talkMs,
        bool bye = true)
    {
        // caller-until-bye.xml stays until the service hangs up and has no talk variable.
        string[] talk = bye ? ["-set", "talk", talkMs.ToString(CultureInfo.InvariantCulture)] : [];
        return sipp.Start(
            bye ? "caller.xml" : "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromMilliseconds(talkMs) + TimeSpan.FromSeconds(30),
            [
                service.SipTarget,
                "-s", "100",
                .. talk,
                "-cid_str", callId,
                "-mp", Port(mediaPort),
                "-m", "1",
            ]);
    }

    /// <summary>Asserts that at least a second of <paramref name="hz"/> arrived at <paramref name="port"/>.</summary>
    public static void AssertHears(IReadOnlyList<CapturedDatagram> datagrams, int port, double hz, string what)
    {
        var heard = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, port));
        Assert.True(
            ToneAnalysis.WindowsAt(heard, hz) >= OneSecondOfWindows,
            $"{what}'s {hz} Hz: {ToneAnalysis.Describe(heard)}");
    }

    /// <summary>Asserts that <paramref name="heard"/> holds prompt <paramref name="prompt"/> once, whole.</summary>
    public static void AssertHeardOnce(short[] heard, string prompt, string what)
    {
        var expected = PromptAudio.Read(prompt);
        Assert.True(
            PromptAudio.CountWholePlays(heard, expected, AudioCodec.Pcmu) == 1,
            what + PromptAudio.DescribeBestMatch(heard, expected, AudioCodec.Pcmu));
    }

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The loopback route <c>127.0.0.1:port</c>.</summary>
    public static string Route(int port) => "127.0.0.1:" + Port(port);
}
