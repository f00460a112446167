using System.Collections.Concurrent;
using Appliance.Media.Audio;

namespace Appliance.Telephony.Prompts;

/// <summary>
/// Voice prompts by name (<c>welcome</c> is <c>welcome.wav</c> in the prompt folder), decoded
/// once to 8 kHz linear samples and shared by every call. Thread-safe.
/// </summary>
public sealed class PromptLibrary
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, short[]> _cache = new(StringComparer.Ordinal);

    public PromptLibrary(string directory)
    {
        _directory = directory;
    }

    /// <summary>The folder the prompts are read from.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Loads every named prompt now, so a missing or unreadable file stops start-up with its
    /// path instead of failing a caller later.
    /// </summary>
    /// <exception cref="FileNotFoundException">A prompt file does not exist.</exception>
    /// <exception cref="InvalidDataException">A prompt file is not 8 kHz mono audio.</exception>
    public void Preload(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Get(name);
        }
    }

    /// <summary>The samples of a prompt.</summary>
    public short[] Get(string name) => _cache.GetOrAdd(name, Load);

    private short[] Load(string name)
    {
        var path = Path.Combine(_directory, name + ".wav");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt '{name}' not found at {path}", path);
        }

        return WavFile.ReadMono8k(path);
    }
}
