namespace Appliance.Media.Tests.Recording;

/// <summary>
/// A file whose writes wait while the gate is shut, as a disk that has stopped answering
/// would; <see cref="WriteEntered"/> is set whenever a write starts, so a test knows the writer
/// is stuck without timing it.
/// </summary>
internal sealed class GatedStream(string path) : FileBackedStream(path)
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);

    public ManualResetEventSlim WriteEntered { get; } = new();

    public void Shut() => _gate.Reset();

    public void Open() => _gate.Set();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        WriteEntered.Set();
        _gate.Wait();
        base.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _gate.Dispose();
            WriteEntered.Dispose();
        }
    }
}
