using System.Diagnostics;

namespace Appliance.Drivers.Tests.Native;

/// <summary>
/// Builds drivers/native twice more and runs its C tests through ctest: once compiled with
/// AddressSanitizer and UndefinedBehaviorSanitizer, once under valgrind memcheck, so CI checks
/// the native code for memory errors and leaks on every run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NativeChecksTests
{
    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task NativeTestsPassUnderAddressSanitizer()
    {
        string build = BuildDirectory("asan");

        await RunAsync(
            "cmake",
            $"-S \"{SourceDirectory()}\" -B \"{build}\" -DCMAKE_BUILD_TYPE=Debug -DSPARKLE_SANITIZE=ON");
        await RunAsync("cmake", $"--build \"{build}\" --parallel 2");
        string output = await RunAsync("ctest", $"--test-dir \"{build}\" --output-on-failure");

        Assert.Contains("100% tests passed", output, StringComparison.Ordinal);
        Assert.Contains("pri_call", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeTestsPassUnderValgrindMemcheck()
    {
        string build = BuildDirectory("memcheck");

        await RunAsync("cmake", $"-S \"{SourceDirectory()}\" -B \"{build}\" -DCMAKE_BUILD_TYPE=Debug");
        await RunAsync("cmake", $"--build \"{build}\" --parallel 2");
        string output = await RunAsync("ctest", $"--test-dir \"{build}\" --output-on-failure -R memcheck");

        Assert.Contains("memcheck_abi", output, StringComparison.Ordinal);
        Assert.Contains("memcheck_pri_call", output, StringComparison.Ordinal);
        Assert.Contains("100% tests passed", output, StringComparison.Ordinal);
    }

    private static string BuildDirectory(string name) => Path.Combine(AppContext.BaseDirectory, "native-" + name);

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "drivers", "native");
            if (File.Exists(Path.Combine(candidate, "CMakeLists.txt")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"drivers/native not found above {AppContext.BaseDirectory}");
    }

    private static async Task<string> RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_stepTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        string text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{program} {arguments} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
