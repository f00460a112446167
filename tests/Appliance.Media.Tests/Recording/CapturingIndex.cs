using System.Security.Cryptography;
using Appliance.Media.Recording;

namespace Appliance.Media.Tests.Recording;

/// <summary>
/// Keeps every summary it is given, and what the file looked like on the disk at that moment,
/// so a test can tell the entry came after the file was complete.
/// </summary>
internal sealed class CapturingIndex : IRecordingIndex
{
    public List<RecordingSummary> Added { get; } = [];

    public List<(long Length, string Sha256)> FilesWhenAdded { get; } = [];

    public Func<string, string> Resolve { get; init; } = path => path;

    public void Add(RecordingSummary recording)
    {
        var bytes = File.ReadAllBytes(Resolve(recording.Path));
        FilesWhenAdded.Add((bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Added.Add(recording);
    }
}
