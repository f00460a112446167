using Appliance.Flash.Devices;
using Appliance.Flash.Writing;

namespace Appliance.Flash.Tests.Writing;

/// <summary>
/// A target held in memory that can fail part way through the write or the read-back, or give
/// back other bytes than were written (a fake card that drops writes).
/// </summary>
internal sealed class FaultyTargetOpener : ITargetOpener
{
    private Func<byte[]> _medium = () => [];

    public long FailWriteAfterBytes { get; init; } = long.MaxValue;

    public long FailReadAfterBytes { get; init; } = long.MaxValue;

    public bool CorruptReadBack { get; init; }

    public byte[] Written => _medium();

    public Stream OpenWrite(FlashTarget target)
    {
        // The writer disposes the stream; MemoryStream.ToArray still works after that.
        var medium = new MemoryStream();
        _medium = medium.ToArray;
        return new FailingStream(medium, FailWriteAfterBytes);
    }

    public Stream OpenRead(FlashTarget target)
    {
        var bytes = _medium();
        if (CorruptReadBack)
        {
            bytes[^1] ^= 0xFF;
        }

        return new FailingStream(new MemoryStream(bytes), FailReadAfterBytes);
    }

    public void Settle(Stream written) => written.Flush();
}
