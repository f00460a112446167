using System.Diagnostics;
using Appliance.Board.Network;
using Appliance.Board.Panel;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Board;

/// <summary>
/// Carries out the panel's actions on a real box: a restart leaves with exit code 75 so systemd
/// starts the service again, a reboot asks systemd, a factory reset erases the database and the
/// panel's network file once the service has stopped, then restarts. The virtual board only logs.
/// </summary>
internal sealed class ServiceBoardActions : IBoardActions
{
    /// <summary>EX_TEMPFAIL (sysexits.h): not a crash, start me again (Restart=on-failure).</summary>
    public const int RestartExitCode = 75;

    private static readonly string[] s_dataFiles =
        ["appliance.db", "appliance.db-wal", "appliance.db-shm", "cdr-spool.jsonl"];

    private readonly IHostApplicationLifetime _lifetime;
    private readonly BoardSettings _board;
    private readonly string _dataDirectory;
    private readonly ILogger _log;

    public ServiceBoardActions(
        IHostApplicationLifetime lifetime,
        BoardSettings board,
        string dataDirectory,
        ILogger log)
    {
        _lifetime = lifetime;
        _board = board;
        _dataDirectory = dataDirectory;
        _log = log.ForContext<ServiceBoardActions>();
    }

    public void Run(BoardAction action)
    {
        if (_board.Profile.IsVirtual)
        {
            _log.Warning("The virtual board does not carry out {BoardAction} on the machine it runs on", action);
            return;
        }

        switch (action)
        {
            case BoardAction.RestartService:
                Restart();
                break;
            case BoardAction.Reboot:
                RunCommand("systemctl", "reboot");
                break;
            case BoardAction.FactoryReset:
                _lifetime.ApplicationStopped.Register(Erase);
                Restart();
                break;
        }
    }

    private void Restart()
    {
        Environment.ExitCode = RestartExitCode;
        _lifetime.StopApplication();
    }

    /// <summary>Runs after every room has closed, so the database is no longer open.</summary>
    private void Erase()
    {
        var files = s_dataFiles
            .Select(f => Path.Combine(_dataDirectory, f))
            .Append(Path.Combine(_board.NetworkDirectory, NetworkdFile.FileName));
        foreach (var file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.Error(ex, "Factory reset could not delete {File}", file);
            }
        }

        _log.Warning("Factory reset erased the database and the panel's network settings in {DataDirectory}",
            _dataDirectory);
    }

    private void RunCommand(string command, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo(command, arguments) { UseShellExecute = false };
            using var process = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _log.Error(ex, "{Command} {Arguments} could not be started", command, arguments);
        }
    }
}
