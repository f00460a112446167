using System.Security.Cryptography;
using Appliance.Flash.Devices;
using Appliance.Flash.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Flash.Tests.Writing;

public sealed class ImageWriterTests : IDisposable
{
    // Two full 4 MiB blocks and a short third one.
    private const int ImageBytes = (2 * ImageWriter.BlockBytes) + 12_345;

    private static readonly FlashTarget s_card = new(
        "/dev/sdb",
        new BlockDevice("sdb", 16_000_000_000, "SanDisk", "Ultra", "usb", IsRemovableFlag: true, [], [], IsSystemDisk: false));

    private readonly SignedImage _image = new(ImageBytes);
    private readonly StringWriter _progress = new();

    private byte[] Hash => SHA256.HashData(_image.Bytes);

    [Fact]
    public void WrittenBytesAreTheImageAndTheReadBackMatches()
    {
        var opener = new FaultyTargetOpener();

        var result = Writer(opener).Write(_image.ImagePath, s_card, Hash);

        Assert.Equal(ImageBytes, result.Bytes);
        Assert.Equal(_image.Bytes, opener.Written);
    }

    [Fact]
    public void CardPulledDuringTheWriteSaysHowFarItGot()
    {
        var opener = new FaultyTargetOpener { FailWriteAfterBytes = ImageWriter.BlockBytes + 1000 };

        var ex = Assert.Throws<FlashException>(() => Writer(opener).Write(_image.ImagePath, s_card, Hash));

        Assert.Equal(ExitCodes.DeviceFailure, ex.ExitCode);
        Assert.Equal(
            "The device /dev/sdb went away after 4.2 MB were written (Input/output error); reinsert the card and write again.",
            ex.Message);
    }

    [Fact]
    public void CardPulledDuringTheReadBackSaysHowFarItGot()
    {
        var opener = new FaultyTargetOpener { FailReadAfterBytes = ImageWriter.BlockBytes };

        var ex = Assert.Throws<FlashException>(() => Writer(opener).Write(_image.ImagePath, s_card, Hash));

        Assert.Equal(ExitCodes.DeviceFailure, ex.ExitCode);
        Assert.StartsWith("The device /dev/sdb went away after 4.2 MB were read back", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBackThatDiffersIsAMismatch()
    {
        var opener = new FaultyTargetOpener { CorruptReadBack = true };

        var ex = Assert.Throws<FlashException>(() => Writer(opener).Write(_image.ImagePath, s_card, Hash));

        Assert.Equal(ExitCodes.Mismatch, ex.ExitCode);
        Assert.Contains("The read-back of /dev/sdb does not match the image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageChangedSinceItWasCheckedIsNotTrusted()
    {
        var staleHash = SHA256.HashData("the image as it was checked"u8);

        var ex = Assert.Throws<FlashException>(() => Writer(new FaultyTargetOpener()).Write(_image.ImagePath, s_card, staleHash));

        Assert.Equal(ExitCodes.BadImage, ex.ExitCode);
        Assert.Contains("changed while it was being written", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PulledCardOnATerminalEndsTheProgressLineBeforeTheError()
    {
        var time = new FakeTimeProvider();
        var opener = new AdvancingOpener(new FaultyTargetOpener { FailWriteAfterBytes = ImageWriter.BlockBytes + 1 }, time);
        var writer = new ImageWriter(opener, time, _progress, isTerminal: true);

        Assert.Throws<FlashException>(() => writer.Write(_image.ImagePath, s_card, Hash));

        var text = _progress.ToString();
        Assert.StartsWith("\rwriting [#####", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    private ImageWriter Writer(ITargetOpener opener) => new(opener, new FakeTimeProvider(), _progress, isTerminal: false);

    public void Dispose()
    {
        _image.Dispose();
        _progress.Dispose();
    }

    /// <summary>Moves the fake clock a second per opened write, so the first progress line is due.</summary>
    private sealed class AdvancingOpener(FaultyTargetOpener inner, FakeTimeProvider time) : ITargetOpener
    {
        public Stream OpenWrite(FlashTarget target) => new ClockedStream(inner.OpenWrite(target), time);

        public Stream OpenRead(FlashTarget target) => inner.OpenRead(target);

        public void Settle(Stream written) => inner.Settle(written);
    }

    private sealed class ClockedStream(Stream inner, FakeTimeProvider time) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            inner.Write(buffer, offset, count);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
