namespace Appliance.Board.Panel;

/// <summary>One press of a button, released.</summary>
/// <param name="Button">Which button.</param>
/// <param name="Long">True when it was held at least the long-press time.</param>
public readonly record struct ButtonPress(PanelButton Button, bool Long);
