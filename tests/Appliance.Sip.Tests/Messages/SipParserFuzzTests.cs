using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;

namespace Appliance.Sip.Tests.Messages;

public sealed class SipParserFuzzTests
{
    private static readonly byte[] s_interesting = "\r\n\t :;,<>\"@=/\\\0\u00ff0123456789"u8.ToArray();

    [Fact]
    public void ParserNeverThrowsOnThousandsOfMutatedInvites()
    {
        var seed = Encoding.UTF8.GetBytes(SipTexts.Invite());
        var random = new Random(20250106);
        var accepted = 0;

        for (var round = 0; round < 5000; round++)
        {
            var mutated = Mutate(seed, random);
            var ok = SipParser.TryParse(mutated, out var message, out var error);

            if (ok)
            {
                accepted++;
                Assert.NotNull(message);
                _ = message.ToBytes();
                _ = message.Vias;
                _ = message.From;
            }
            else
            {
                Assert.Null(message);
                Assert.False(string.IsNullOrEmpty(error.Reason));
                _ = error.TryCreateBadRequest(out var badRequest);
                _ = badRequest?.ToBytes();
            }
        }

        Assert.InRange(accepted, 1, 4999);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, s_interesting[random.Next(s_interesting.Length)]);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }
}
