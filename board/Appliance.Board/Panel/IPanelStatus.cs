namespace Appliance.Board.Panel;

/// <summary>Where the panel reads the state of the box from.</summary>
/// <remarks>Called on the panel loop about once a second; must be quick and must not throw for
/// anything short of a bug.</remarks>
public interface IPanelStatus
{
    PanelStatus Snapshot();
}
