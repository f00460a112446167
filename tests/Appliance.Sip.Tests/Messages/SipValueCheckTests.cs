using Appliance.Sip.Messages;
using CsCheck;

namespace Appliance.Sip.Tests.Messages;

/// <summary>
/// The parser checks Request-URIs, From, To, Contact and Via on spans without building objects;
/// those checks must accept exactly what the object parsers accept, or a message would be let in
/// whose From reads as null.
/// </summary>
public sealed class SipValueCheckTests
{
    private static readonly string[] s_seeds =
    [
        "sip:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?subject=hi",
        "\"Alice \\\"A\\\"\" <sips:alice@example.com:5061;maddr=x>;tag=1928;expires=\"60\"",
        "Bob Smith <sip:%61lice@example.com> ;tag=a",
        "sip:100@127.0.0.1;tag=x",
        "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf;rport;received=192.0.2.1",
        " SIP / 2.1 / TCP host.example;branch=\"q;u\"",
    ];

    private static readonly char[] s_interesting =
        " \t\"<>;:,@?=/\\[]%\u00a0\u2003é0123456789abcSIP.".ToCharArray();

    [Fact]
    public void SpanChecksAgreeWithTheObjectParsersOnMutatedValues()
    {
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);
        Gen.Select(Gen.Int[0, s_seeds.Length - 1], edit.Array[0, 6]).Sample(
            sample =>
            {
                var text = Mutate(s_seeds[sample.Item1], sample.Item2);

                Assert.Equal(SipUri.TryParse(text, out var uri), SipUri.IsValid(text, out var hasHeaders));
                Assert.Equal(uri?.Headers is not null, uri is not null && hasHeaders);
                Assert.Equal(SipNameAddress.TryParse(text, out _), SipNameAddress.IsValid(text));
                var isVia = SipVia.TryParseAnyVersion(text, out var via);
                Assert.Equal(isVia, SipVia.IsValid(text, out var isVersion2));
                Assert.Equal(via?.Version == "2.0", isVia && isVersion2);
            },
            iter: 20_000,
            threads: 1);
    }

    private static string Mutate(string seed, (int Kind, int At, int Value)[] edits)
    {
        var chars = new List<char>(seed);
        foreach (var (kind, at, value) in edits)
        {
            var index = chars.Count == 0 ? 0 : at % chars.Count;
            var c = s_interesting[value % s_interesting.Length];
            switch (kind)
            {
                case 0 when chars.Count > 0:
                    chars[index] = c;
                    break;
                case 1 when chars.Count > 0:
                    chars.RemoveRange(index, Math.Min(1 + (value % 4), chars.Count - index));
                    break;
                default:
                    chars.Insert(index, c);
                    break;
            }
        }

        return new string([.. chars]);
    }
}
