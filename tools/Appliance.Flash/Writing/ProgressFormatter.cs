using System.Globalization;

namespace Appliance.Flash.Writing;

/// <summary>
/// Turns a <see cref="ProgressSnapshot"/> into the progress text: a bar for a terminal, a plain
/// line for logs. Speed is in MB/s (decimal), the ETA as m:ss or h:mm:ss; both show "--" until
/// some time has passed.
/// </summary>
internal static class ProgressFormatter
{
    public const int BarWidth = 24;

    public static string TerminalLine(string verb, ProgressSnapshot progress)
    {
        var filled = (int)(Fraction(progress) * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        return $"{verb} [{bar}] {Details(progress)}";
    }

    public static string PlainLine(string verb, ProgressSnapshot progress) => $"{verb}: {Details(progress)}";

    public static int Percent(ProgressSnapshot progress) => (int)(Fraction(progress) * 100);

    public static string Speed(ProgressSnapshot progress)
    {
        var rate = BytesPerSecond(progress);
        return rate > 0
            ? (rate / ByteText.Megabyte).ToString("0.0", CultureInfo.InvariantCulture) + " MB/s"
            : "-- MB/s";
    }

    public static string Eta(ProgressSnapshot progress)
    {
        var rate = BytesPerSecond(progress);
        if (rate <= 0)
        {
            return "--:--";
        }

        var eta = TimeSpan.FromSeconds(Math.Ceiling((progress.TotalBytes - progress.DoneBytes) / rate));
        return Duration(eta);
    }

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");

    private static string Details(ProgressSnapshot progress) =>
        $"{Percent(progress),3}%  {ByteText.Megabytes(progress.DoneBytes)}"
        + $" of {ByteText.Megabytes(progress.TotalBytes)}"
        + $"  {Speed(progress)}  ETA {Eta(progress)}";

    private static double Fraction(ProgressSnapshot progress) =>
        progress.TotalBytes <= 0 ? 1 : Math.Clamp((double)progress.DoneBytes / progress.TotalBytes, 0, 1);

    private static double BytesPerSecond(ProgressSnapshot progress) =>
        progress.Elapsed > TimeSpan.Zero && progress.DoneBytes > 0
            ? progress.DoneBytes / progress.Elapsed.TotalSeconds
            : 0;
}
