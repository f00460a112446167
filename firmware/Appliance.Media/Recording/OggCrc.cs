namespace Appliance.Media.Recording;

/// <summary>
/// The CRC-32 of an Ogg page (RFC 3533 §6): polynomial 0x04C11DB7, initial value 0, bits taken
/// most significant first, no final inversion, computed over the page with its CRC field zero.
/// </summary>
internal static class OggCrc
{
    private static readonly uint[] s_table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        foreach (var b in page)
        {
            crc = (crc << 8) ^ s_table[(byte)((crc >> 24) ^ b)];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
