namespace Appliance.Media.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on Dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        var name = "sparklecc-media-" + Guid.NewGuid().ToString("N");
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
