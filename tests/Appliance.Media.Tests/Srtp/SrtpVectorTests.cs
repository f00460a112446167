using System.Security.Cryptography;
using Appliance.Media.Srtp;

namespace Appliance.Media.Tests.Srtp;

public sealed class SrtpVectorTests
{
    [Fact]
    public void KeystreamMatchesTheAesCounterModeVectorsOfRfc3711AppendixB2()
    {
        using var cipher = new SrtpCipher(
            Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"),
            Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        var keystream = new byte[48];

        cipher.Apply(ssrc: 0, index: 0, keystream);

        Assert.Equal(
            "E03EAD0935C95E80E166B16DD92B4EB4"
            + "D23513162B02D0F72A43A2FE4A5F97AB"
            + "41E95B3BB0A2E8DD477901E4FCA894C0",
            Convert.ToHexString(keystream));
    }

    [Theory]
    [InlineData(0, "C61E7A93744F39EE10734AFE3FF7A087")]
    [InlineData(1, "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4")]
    [InlineData(2, "30CBBC08863D8C85D49DB34A9AE1")]
    public void SessionKeysMatchTheKeyDerivationVectorsOfRfc3711AppendixB3(byte label, string expected)
    {
        using var master = Aes.Create();
        master.Key = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
        var output = new byte[expected.Length / 2];

        SrtpCipher.Derive(master, Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6"), label, output);

        Assert.Equal(expected, Convert.ToHexString(output));
    }
}
