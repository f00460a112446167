namespace Appliance.Flash.Tests.Writing;

/// <summary>
/// A memory stream that fails like a pulled card: it takes bytes up to a limit, then every call
/// throws the IOException the kernel's EIO becomes.
/// </summary>
internal sealed class FailingStream : Stream
{
    private readonly MemoryStream _inner;
    private readonly long _failAfterBytes;

    public FailingStream(MemoryStream inner, long failAfterBytes)
    {
        _inner = inner;
        _failAfterBytes = failAfterBytes;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var allowed = (int)Math.Min(count, _failAfterBytes - _inner.Position);
        if (allowed <= 0)
        {
            throw new IOException("Input/output error");
        }

        return _inner.Read(buffer, offset, allowed);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var allowed = (int)Math.Min(count, _failAfterBytes - _inner.Position);
        _inner.Write(buffer, offset, Math.Max(allowed, 0));
        if (allowed < count)
        {
            throw new IOException("Input/output error");
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
