using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>One line of a menu list and what choosing it opens.</summary>
/// <param name="Label">The text, at most 18 characters so the marker fits.</param>
/// <param name="Open">Called with the Enter press (short or long); returns the screen to show.</param>
internal sealed record MenuItem(string Label, Func<ButtonPress, IMenuScreen?> Open);
