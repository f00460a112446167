using Appliance.Media.Audio;
using Appliance.Telephony.Prompts;

namespace Appliance.Telephony.Tests.Prompts;

public sealed class PromptLibraryLanguageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "prompts-" + Guid.NewGuid().ToString("N"));

    public PromptLibraryLanguageTests()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "en"));
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "zh"));
        WavFile.WriteMono8k(Path.Combine(_root, "en", "welcome.wav"), [1, 1, 1]);
        WavFile.WriteMono8k(Path.Combine(_root, "en", "menu.wav"), [2, 2, 2]);
        WavFile.WriteMono8k(Path.Combine(_root, "zh", "welcome.wav"), [9, 9, 9]);
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    [Fact]
    public void AChinesePromptIsReadFromTheZhFolderBesideTheEnglishOne()
    {
        var library = new PromptLibrary(Path.Combine(_root, "en"));

        var samples = library.Get("welcome", "zh");

        Assert.Equal([9, 9, 9], samples);
    }

    [Fact]
    public void APromptMissingFromTheChineseSetIsPlayedInEnglish()
    {
        var library = new PromptLibrary(Path.Combine(_root, "en"));

        var samples = library.Get("menu", "zh");

        Assert.Equal([2, 2, 2], samples);
    }

    [Fact]
    public void NoLanguageOrAnUnsafeOneGivesTheEnglishPrompt()
    {
        var library = new PromptLibrary(Path.Combine(_root, "en"));

        var none = library.Get("welcome", null);
        var climbing = library.Get("welcome", "../zh");

        Assert.Equal([1, 1, 1], none);
        Assert.Equal([1, 1, 1], climbing);
    }
}
