namespace Appliance.Service.Tests.Support;

/// <summary>A temporary Ivr:FlowDirectory holding one flow document as main.json; deleted on dispose.</summary>
internal sealed class FlowFolder : IDisposable
{
    public FlowFolder(string json)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        File.WriteAllText(System.IO.Path.Combine(Path, "main.json"), json);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
