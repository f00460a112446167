using System.Collections.Concurrent;
using Appliance.Media.Audio;

namespace Appliance.Telephony.Prompts;

/// <summary>
/// Voice prompts by name (<c>welcome</c> is <c>welcome.wav</c> in the prompt folder), decoded
/// once to 8 kHz linear samples and shared by every call. Thread-safe.
/// </summary>
/// <remarks>
/// The prompt folder holds the English set. Another language's set is the folder of that name
/// beside it (<c>Prompts/en</c> and <c>Prompts/zh</c>); a prompt missing from it is played from
/// the English set, so a partly translated set still gives the caller every prompt.
/// </remarks>
public sealed class PromptLibrary
{
    private const string English = "en";

    private readonly string _directory;
    private readonly ConcurrentDictionary<string, short[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, short[]?> _translated = new(StringComparer.Ordinal);

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

    /// <summary>
    /// The samples of a prompt in <paramref name="language"/> (<c>zh</c>, <c>en</c>), or of the
    /// English prompt when that language has no such prompt or no language is given.
    /// </summary>
    public short[] Get(string name, string? language)
    {
        if (string.IsNullOrWhiteSpace(language) || !IsSetName(language)
            || string.Equals(language, English, StringComparison.OrdinalIgnoreCase))
        {
            return Get(name);
        }

        var key = language.ToLowerInvariant() + "/" + name;
        return _translated.GetOrAdd(key, LoadTranslated) ?? Get(name);
    }

    /// <summary>The folder of a language's prompt set: the folder of that name beside the English one.</summary>
    public string DirectoryOf(string language)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(_directory)) ?? _directory;
        return Path.Combine(parent, language.ToLowerInvariant());
    }

    // A language names a sibling folder, so only plain letters are taken: "../x" reads nothing.
    private static bool IsSetName(string language) =>
        language.Length is > 0 and <= 8 && language.All(char.IsAsciiLetter);

    private short[] Load(string name)
    {
        var path = Path.Combine(_directory, name + ".wav");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt '{name}' not found at {path}", path);
        }

        return WavFile.ReadMono8k(path);
    }

    private short[]? LoadTranslated(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var path = Path.Combine(DirectoryOf(key[..slash]), key[(slash + 1)..] + ".wav");
        return File.Exists(path) ? WavFile.ReadMono8k(path) : null;
    }
}
