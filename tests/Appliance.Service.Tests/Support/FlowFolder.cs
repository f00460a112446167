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

    /// <summary>
    /// Flow "main": the demo's welcome and menu, where 1 (or any other key) chooses Chinese, then
    /// queue <paramref name="queue"/>.
    /// </summary>
    public static FlowFolder ChineseThenQueue(string queue) => new($$"""
        { "name": "main", "version": 2, "start": "menu",
          "nodes": [
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu"],
              "choices": { "1": "chinese" }, "invalid": "chinese" },
            { "id": "chinese", "type": "language", "set": "zh", "next": "queue" },
            { "id": "queue", "type": "queue", "queue": "{{queue}}" } ] }
        """);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
