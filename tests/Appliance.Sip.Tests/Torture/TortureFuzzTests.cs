using Appliance.Sip.Messages;
using CsCheck;

namespace Appliance.Sip.Tests.Torture;

public sealed class TortureFuzzTests
{
    private static readonly byte[] s_interesting = "\r\n\t :;,<>\"@=/\\%[]?\0\u00ff"u8.ToArray();

    [Fact]
    public void ParserNeitherThrowsNorKeepsMoreThanItReadsOnMutatedTortureMessages()
    {
        var seeds = TortureFile.Names.Select(TortureFile.Load).ToArray();
        var edit = Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 255]);
        var cases = Gen.Select(Gen.Int[0, seeds.Length - 1], edit.Array[1, 8]);

        cases.Sample(
            sample =>
            {
                var bytes = Mutate(seeds[sample.Item1], sample.Item2);

                var ok = SipParser.TryParse(bytes, out var message, out var error);

                if (ok)
                {
                    Assert.True(message!.Body.Length <= bytes.Length);
                    Assert.True(message.Headers.Count <= SipParser.MaxHeaderFields);
                    _ = message.ToBytes();
                    // What the parser checked on spans reads back as objects; a From or To of
                    // another URI scheme (RFC 4475 unksm2) is kept as written and reads null.
                    Assert.Equal(message.Headers.GetAll("Via").Count, message.Vias.Count);
                    Assert.True(message.From is not null
                        || SipNameAddress.IsOtherSchemeAddress(message.Headers["From"]));
                    Assert.True(message.To is not null
                        || SipNameAddress.IsOtherSchemeAddress(message.Headers["To"]));
                    Assert.NotNull(message.CSeq);
                    _ = (message as SipRequest)?.RequestUri;
                }
                else
                {
                    Assert.False(string.IsNullOrEmpty(error.Reason));
                    _ = error.TryCreateResponse(out var response);
                    _ = response?.ToBytes();
                }
            },
            iter: 20_000,
            threads: 1);
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int At, int Value)[] edits)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, at, value) in edits)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var index = at % bytes.Count;
            switch (kind)
            {
                case 0:
                    bytes[index] = (byte)value;
                    break;
                case 1:
                    bytes[index] = s_interesting[value % s_interesting.Length];
                    break;
                case 2:
                    bytes.RemoveRange(index, Math.Min(1 + (value % 16), bytes.Count - index));
                    break;
                case 3:
                    bytes.Insert(index, s_interesting[value % s_interesting.Length]);
                    break;
                default:
                    var length = Math.Min(1 + (value % 64), bytes.Count - index);
                    bytes.InsertRange(value % bytes.Count, bytes.GetRange(index, length));
                    break;
            }
        }

        return [.. bytes];
    }
}
