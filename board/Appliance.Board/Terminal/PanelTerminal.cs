using System.Text;
using Appliance.Board.Panel;

namespace Appliance.Board.Terminal;

/// <summary>
/// The front panel in a terminal: the LCD rows in a frame with the LEDs below, redrawn when they
/// change, and the keyboard as the four buttons (arrows or k/j, Enter, Esc or Backspace, and L
/// for a long press of Enter).
/// </summary>
public static class PanelTerminal
{
    /// <summary>ANSI: cursor home and clear screen, so each frame replaces the last.</summary>
    public const string ClearScreen = "\u001b[H\u001b[2J";

    /// <summary>The frame for these rows and LEDs.</summary>
    public static string Draw(IReadOnlyList<string> lines, IReadOnlyDictionary<string, bool> leds)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(leds);

        var width = lines.Count == 0 ? 20 : lines.Max(l => l.Length);
        var border = "+" + new string('-', width) + "+";
        var frame = new StringBuilder().Append(border).Append('\n');
        foreach (var line in lines)
        {
            frame.Append('|').Append(line.PadRight(width)).Append("|\n");
        }

        frame.Append(border).Append('\n');
        frame.Append(string.Join("  ", leds.Select(l => (l.Value ? "(*) " : "( ) ") + l.Key))).Append('\n');
        frame.Append("arrows/k/j move  Enter  Esc back  L hold Enter\n");
        return frame.ToString();
    }

    /// <summary>The button a key stands for; false for any other key.</summary>
    public static bool TryMap(ConsoleKeyInfo key, out string button, out bool longPress)
    {
        longPress = false;
        button = key.Key switch
        {
            ConsoleKey.UpArrow or ConsoleKey.K => "up",
            ConsoleKey.DownArrow or ConsoleKey.J => "down",
            ConsoleKey.Enter => "enter",
            ConsoleKey.L => "enter",
            ConsoleKey.Escape or ConsoleKey.Backspace or ConsoleKey.LeftArrow => "back",
            _ => string.Empty,
        };
        longPress = key.Key == ConsoleKey.L;
        return button.Length > 0;
    }

    /// <summary>
    /// Redraws the panel on <paramref name="output"/> whenever it changes (checked every 100 ms)
    /// and presses the buttons for the keys <paramref name="readKey"/> returns (null: none
    /// waiting), until cancelled.
    /// </summary>
    public static async Task RunAsync(
        FrontPanel panel,
        TextWriter output,
        Func<ConsoleKeyInfo?> readKey,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(readKey);

        var shown = string.Empty;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
        try
        {
            do
            {
                while (readKey() is { } key)
                {
                    if (TryMap(key, out var button, out var longPress))
                    {
                        panel.Press(button, longPress);
                    }
                }

                var frame = Draw(panel.Lines, panel.Leds);
                if (!string.Equals(frame, shown, StringComparison.Ordinal))
                {
                    shown = frame;
                    await output.WriteAsync(ClearScreen + frame).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }
}
