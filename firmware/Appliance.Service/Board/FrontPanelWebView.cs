using Appliance.Board.Panel;
using Appliance.Board.Profiles;
using Appliance.Web.Panel;

namespace Appliance.Service.Board;

/// <summary>
/// The board's <see cref="FrontPanel"/> as the web page sees it. The web server starts before the
/// host that builds the panel (a port it cannot bind must stop the box before anything else
/// runs), so the panel is attached once the host has started.
/// </summary>
/// <remarks>Thread-safe. Until <see cref="Attach"/>, the lines and LEDs are empty and a press is
/// dropped: the moments between the web starting and the host having started.</remarks>
internal sealed class FrontPanelWebView : IFrontPanelView
{
    private FrontPanel? _panel;

    /// <summary>A view for a profile with a display, else null: a box without one (the generic
    /// x64 profile) has no panel for the web to show, and <c>/api/panel</c> says so.</summary>
    public static FrontPanelWebView? For(BoardProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Lcd is null ? null : new FrontPanelWebView();
    }

    public IReadOnlyList<string> Lines => Volatile.Read(ref _panel)?.Lines ?? [];

    public IReadOnlyDictionary<string, bool> Leds =>
        Volatile.Read(ref _panel)?.Leds ?? new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">A panel is attached already.</exception>
    public void Attach(FrontPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (Interlocked.CompareExchange(ref _panel, panel, null) is not null)
        {
            throw new InvalidOperationException("The web view has a front panel attached already.");
        }
    }

    public bool Press(string button, bool longPress) =>
        Volatile.Read(ref _panel)?.Press(button, longPress) ?? true;
}
