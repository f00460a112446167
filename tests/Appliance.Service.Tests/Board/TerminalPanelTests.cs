using System.Diagnostics;
using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.Board;

/// <summary>The service's terminal panel on a real pty (util-linux script), keys typed into it.</summary>
[Trait("Category", "Integration")]
[Collection(EndToEndCollection.Name)]
public sealed class TerminalPanelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparklecc-panel-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TheDemoShowsItsPanelInTheTerminalAndEnterOpensTheSetupMenu()
    {
        var rtp = FreePorts.RtpRange(8);
        var command = string.Join(
            ' ',
            "exec dotnet",
            $"'{ApplianceProcess.ServiceDll}'",
            "--Sip:BindAddress=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--Sip:Port={FreePorts.Sip()}"),
            string.Create(CultureInfo.InvariantCulture, $"--Rtp:PortMin={rtp} --Rtp:PortMax={rtp + 7}"),
            $"'--Appliance:DataDirectory={Path.Combine(_root, "data")}'",
            "--Board:Terminal=true");
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = _root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-f", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["TERM"] = "xterm";
        using var process = ExternalTool.Start(start, "script (util-linux)");
        var output = new ProcessOutput(process);
        try
        {
            var status = await output.WaitForTextAsync("|SparkleCC running", TimeSpan.FromSeconds(60));

            await process.StandardInput.WriteAsync('\r');
            await process.StandardInput.FlushAsync();
            var menu = await output.WaitForTextAsync("|> Network", TimeSpan.FromSeconds(30));

            Assert.True(status, output.Text);
            Assert.True(menu, output.Text);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
