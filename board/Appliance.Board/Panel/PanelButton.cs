namespace Appliance.Board.Panel;

/// <summary>The four front panel buttons.</summary>
public enum PanelButton
{
    Up,
    Down,
    Enter,
    Back,
}
