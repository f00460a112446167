namespace Appliance.Web.Panel;

/// <summary>
/// The box's front panel as the web page shows it: the character display's lines, the LEDs by
/// name, and its buttons. The board room implements it; the service registers it.
/// </summary>
/// <remarks>Members are called from request threads and must be thread-safe.</remarks>
public interface IFrontPanelView
{
    /// <summary>The display's lines, top first, as shown right now.</summary>
    IReadOnlyList<string> Lines { get; }

    /// <summary>Every LED by name, true when lit.</summary>
    IReadOnlyDictionary<string, bool> Leds { get; }

    /// <summary>Presses a button (<c>up</c>, <c>down</c>, <c>enter</c> or <c>back</c>), held long
    /// when <paramref name="longPress"/> is true.</summary>
    /// <returns>False when the panel has no such button.</returns>
    bool Press(string button, bool longPress);
}
