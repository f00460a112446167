using System.Text;
using Appliance.Sip.Messages;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Appliance.Benchmarks.Sip;

/// <summary>
/// Parser cost per message for a typical INVITE with SDP, a 200 OK and a REGISTER, against the
/// baseline of decoding the same bytes as UTF-8 and splitting them into lines, which any text
/// parser must at least do. Op/s is messages per second, Allocated is bytes per message; read
/// them with the Ratio and Alloc Ratio columns, since the machine's load moves the times.
/// ParseAndRead also reads what the transaction and dialog layers read of every message (top
/// Via branch, CSeq, Call-ID, From and To tags, the Request-URI), which the parser leaves to
/// the first read. The aim is under 2 µs and 1 KB per INVITE.
/// Run: dotnet run -c Release --project tools/bench/Appliance.Benchmarks -- --filter *SipParser*
/// (add --job short --inProcess where BenchmarkDotNet cannot build its out-of-process host).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessagesPerSecondConfig))]
public class SipParserBenchmarks
{
    private byte[] _message = [];

    [Params("INVITE", "200 OK", "REGISTER")]
    public string Kind { get; set; } = "INVITE";

    [GlobalSetup]
    public void Setup() => _message = Encoding.UTF8.GetBytes(Kind switch
    {
        "INVITE" => Invite,
        "200 OK" => Ok,
        _ => Register,
    });

    [Benchmark(Baseline = true)]
    public int DecodeAndSplitLines() => Encoding.UTF8.GetString(_message).Split("\r\n").Length;

    [Benchmark]
    public bool Parse() => SipParser.TryParse(_message, out _, out _);

    [Benchmark]
    public int ParseAndRead()
    {
        if (!SipParser.TryParse(_message, out var message, out _))
        {
            return 0;
        }

        var read = message.Vias[0].Branch!.Length + (int)message.CSeq!.Value.Number + message.CallId!.Length
            + (message.From!.Tag?.Length ?? 0) + (message.To!.Tag?.Length ?? 0);
        return message is SipRequest request ? read + request.RequestUri.Host.Length : read;
    }

    /// <summary>Adds the Op/s column: messages parsed per second.</summary>
    private sealed class MessagesPerSecondConfig : ManualConfig
    {
        public MessagesPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }

    private const string Sdp =
        "v=0\r\no=- 3958 3958 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    private static readonly string Invite =
        "INVITE sip:100@192.0.2.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9a1c;rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Caller\" <sip:5551234@192.0.2.10>;tag=9fxced76sl\r\n"
        + "To: <sip:100@192.0.2.1>\r\n"
        + "Call-ID: 3848276298220188511@192.0.2.10\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:5551234@192.0.2.10:5060>\r\n"
        + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY\r\n"
        + "Supported: replaces, timer\r\n"
        + "User-Agent: Bench Phone 1.0\r\n"
        + "Content-Type: application/sdp\r\n"
        + $"Content-Length: {Encoding.UTF8.GetByteCount(Sdp)}\r\n\r\n" + Sdp;

    private static readonly string Ok =
        "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1a2b3c4d;rport=5060;received=192.0.2.1\r\n"
        + "From: <sip:100@192.0.2.1>;tag=box1\r\n"
        + "To: <sip:1001@192.0.2.20>;tag=phone7\r\n"
        + "Call-ID: b2bua-leg-42@192.0.2.1\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:1001@192.0.2.20:5062>\r\n"
        + "Content-Type: application/sdp\r\n"
        + $"Content-Length: {Encoding.UTF8.GetByteCount(Sdp)}\r\n\r\n" + Sdp;

    private const string Register =
        "REGISTER sip:192.0.2.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.20:5062;branch=z9hG4bKreg77;rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:1001@192.0.2.1>;tag=reg1\r\n"
        + "To: <sip:1001@192.0.2.1>\r\n"
        + "Call-ID: reg-1001@192.0.2.20\r\n"
        + "CSeq: 2 REGISTER\r\n"
        + "Contact: <sip:1001@192.0.2.20:5062>;expires=3600\r\n"
        + "Authorization: Digest username=\"1001\",realm=\"sparklecc\",nonce=\"6b11b1d5.8fc6af66.d037c195\","
        + "uri=\"sip:192.0.2.1\",response=\"6629fae49393a05397450978507c4ef1\",algorithm=MD5,"
        + "cnonce=\"0a4f113b\",qop=auth,nc=00000001\r\n"
        + "Expires: 3600\r\n"
        + "Content-Length: 0\r\n\r\n";
}
